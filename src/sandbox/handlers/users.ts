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

type UserChanges = Partial<Pick<UserRecord, 'first_name' | 'last_name' | 'role' | 'department_id' | 'location_id' | 'manager_id'>>;

export const updateUser: Handler = ({ params, store, body }) => {
  const id = params.user_id ?? '';
  const user = store.user(id);
  if (!user) throw ApiProblem.notFound('User', id);
  const changes = body as UserChanges;
  const fields: Record<string, string[]> = {};
  if (changes.department_id && !store.department(changes.department_id)) fields.department_id = ['No department with this id.'];
  if (changes.location_id && !store.location(changes.location_id)) fields.location_id = ['No location with this id.'];
  if (changes.manager_id && (!store.user(changes.manager_id) || changes.manager_id === user.id)) {
    fields.manager_id = ['No other user with this id.'];
  }
  if (Object.keys(fields).length > 0) throw ApiProblem.validation(fields);
  Object.assign(user, changes);
  return { status: 204 };
};
