export { buildChanges, DocumentDiffer } from './document-diff';
export { SchemaDiffer, type DiffNode } from './schema-diff';
export { humanProperty } from './flatten';
