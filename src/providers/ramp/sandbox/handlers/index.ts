import { createVirtualCard, getCard, getCardDeferredTask, listCards, terminateCard } from './cards';
import {
  createDepartment,
  getBusiness,
  getDepartment,
  getLocation,
  getReimbursement,
  listDepartments,
  listLimits,
  listLocations,
  listReimbursements,
} from './misc';
import { getTransaction, listTransactions } from './transactions';
import type { Handler } from './types';
import { getUser, listUsers, updateUser } from './users';

export type { Handler, HandlerResult, RequestContext } from './types';

/**
 * Handlers by operationId. Routes come from the served document: an operation the document lacks is not
 * routed (so GET /limits exists only under `next`), and a documented operation without a handler here
 * stops the sandbox from starting.
 */
export const HANDLERS: Readonly<Record<string, Handler>> = {
  listTransactions,
  getTransaction,
  listCards,
  getCard,
  createVirtualCard,
  getCardDeferredTask,
  terminateCard,
  listUsers,
  getUser,
  updateUser,
  listDepartments,
  getDepartment,
  createDepartment,
  listLocations,
  getLocation,
  listReimbursements,
  getReimbursement,
  getBusiness,
  listLimits,
};
