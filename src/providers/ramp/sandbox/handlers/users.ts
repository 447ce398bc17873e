import { ApiProblem } from '../http/ramp-error';
import { userView } from '../data/views';
import type { UserRecord } from '../data/records';
import { paginate } from './paginate';
import type { Handler } from './types';

export const listUsers: Handler = (context) => {
  const { query, store } = context;
  const email = typeof query.email === 'string' ? query.email.toLowerCase() : null;
  const matches = store.users.filter((user) => {
    if (query.department_id !== undefined && user.department_id !== query.department_id) return false;
    if (query.location_id !== undefined && user.location_id !== query.location_id) return false;
    if (query.role !== undefined && user.role !== query.role) return false;
    if (email !== null && user.email !== email) return false;
    return true;
  });
  return { status: 200, body: paginate(matches, context, userView) };
};

export const getUser: Handler = ({ params, store }) => {
  const id = params.user_id ?? '';
  const user = store.user(id);
  if (!user) throw ApiProblem.notFound('User', id);
  return { status: 200, body: userView(user) };
};

type StoredChanges = Pick<
  UserRecord,
  'first_name' | 'last_name' | 'role' | 'department_id' | 'location_id' | 'is_manager'
>;
type UserChanges = Partial<StoredChanges> & {
  /** Ramp's request name for the user's manager (`manager_id` in the user it returns). */
  direct_manager_id?: string;
};

export const updateUser: Handler = ({ params, store, body }) => {
  const id = params.user_id ?? '';
  const user = store.user(id);
  if (!user) throw ApiProblem.notFound('User', id);
  const { direct_manager_id: managerId, ...changes } = body as UserChanges & Record<string, unknown>;
  const fields: Record<string, string[]> = {};
  if (Object.keys(body as object).length === 0) fields._schema = ['The body must contain at least one field.'];
  if (changes.department_id && !store.department(changes.department_id))
    fields.department_id = ['No department with this id.'];
  if (changes.location_id && !store.location(changes.location_id)) fields.location_id = ['No location with this id.'];
  if (managerId !== undefined && (!store.user(managerId) || managerId === user.id)) {
    fields.direct_manager_id = ['No other user with this id.'];
  }
  if (Object.keys(fields).length > 0) throw ApiProblem.validation(fields);
  // Only what the user record holds is stored; Ramp's other fields (auto_promote, employee_id) are accepted.
  const { first_name, last_name, role, department_id, location_id, is_manager } = changes;
  const stored = { first_name, last_name, role, department_id, location_id, is_manager };
  const sent = Object.entries(stored).filter(([, value]) => value !== undefined);
  Object.assign(user, Object.fromEntries(sent));
  if (managerId !== undefined) user.manager_id = managerId;
  return { status: 204 };
};
