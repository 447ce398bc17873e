import { ApiProblem } from '../http/ramp-error';
import { businessView, departmentView, limitView, locationView, reimbursementView } from '../data/views';
import { paginate } from './paginate';
import type { Handler } from './types';

export const listDepartments: Handler = (context) => ({
  status: 200,
  body: paginate(context.store.departments, context, departmentView),
});

export const getDepartment: Handler = ({ params, store }) => {
  const id = params.department_id ?? '';
  const department = store.department(id);
  if (!department) throw ApiProblem.notFound('Department', id);
  return { status: 200, body: departmentView(department) };
};

export const createDepartment: Handler = ({ body, store, random }) => {
  const department = { id: random.uuid(), name: (body as { name: string }).name };
  store.departments.push(department);
  return { status: 201, body: departmentView(department) };
};

export const listLocations: Handler = (context) => ({
  status: 200,
  body: paginate(context.store.locations, context, locationView),
});

export const getLocation: Handler = ({ params, store }) => {
  const id = params.location_id ?? '';
  const location = store.location(id);
  if (!location) throw ApiProblem.notFound('Location', id);
  return { status: 200, body: locationView(location) };
};

export const listReimbursements: Handler = (context) => {
  const { query, store } = context;
  const from = typeof query.from_date === 'string' ? Date.parse(query.from_date) : null;
  const to = typeof query.to_date === 'string' ? Date.parse(query.to_date) : null;
  const matches = store.reimbursements.filter((record) => {
    if (query.user_id !== undefined && record.user_id !== query.user_id) return false;
    if (query.direction !== undefined && record.direction !== query.direction) return false;
    const created = Date.parse(record.created_at);
    if (from !== null && created < from) return false;
    if (to !== null && created > to) return false;
    return true;
  });
  return { status: 200, body: paginate(matches, context, (record) => reimbursementView(record, store)) };
};

export const getReimbursement: Handler = ({ params, store }) => {
  const id = params.reimbursement_id ?? '';
  const record = store.reimbursements.find((candidate) => candidate.id === id);
  if (!record) throw ApiProblem.notFound('Reimbursement', id);
  return { status: 200, body: reimbursementView(record, store) };
};

export const getBusiness: Handler = ({ store }) => ({ status: 200, body: businessView(store.business) });

export const listLimits: Handler = (context) => ({
  status: 200,
  body: paginate(context.store.limits, context, limitView),
});
