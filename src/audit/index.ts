export { AuditTrail } from './audit-trail';
export type { AuditSessionEnd, AuditTrailOptions } from './audit-trail';
export { verifyAuditFile, verifyAuditText } from './verify-audit-file';
export type { AuditProblem, AuditSessionSummary, AuditVerification, VerifyAuditOptions } from './verify-audit-file';
export { tokenFingerprint } from './fingerprint';
export { GENESIS_HASH, canonicalize, hashRecord } from './record';
export type { AuditEntry, AuditKind, AuditRecord } from './record';
export { auditVerifyCommand } from './audit-verify-command';
