export { API_PREFIX, RampClient } from './ramp-client';
export {
  RampApiError,
  RampDeferredTaskError,
  RampForbiddenError,
  RampNotFoundError,
  RampRateLimitedError,
  RampResponseError,
  RampUnauthorizedError,
  RampValidationError,
  isRampApiError,
} from './errors';
export type { FieldErrors, RampApiErrorDetails } from './errors';
export type {
  Card,
  CardFilters,
  CardState,
  CreateVirtualCardRequest,
  DeferredTask,
  DeferredTaskStatus,
  Department,
  KnownCardState,
  KnownTransactionState,
  KnownUserRole,
  Listing,
  PageOptions,
  SpendingInterval,
  Transaction,
  TransactionFilters,
  TransactionState,
  User,
  UserRole,
  WaitOptions,
} from './types';
