import type {
  BusinessRecord,
  CardRecord,
  CardTaskRecord,
  DepartmentRecord,
  LimitRecord,
  LocationRecord,
  ReimbursementRecord,
  TransactionRecord,
  UserRecord,
} from './records';
import { DEFAULT_DATA_SEED, generateSeedData } from './seed';

/** The sandbox's in-memory data: the seeded demo company plus whatever clients create during a run. */
export class SandboxStore {
  readonly business: BusinessRecord;
  readonly entityIds: readonly string[];
  readonly departments: DepartmentRecord[];
  readonly locations: LocationRecord[];
  readonly users: UserRecord[];
  readonly cards: CardRecord[];
  readonly transactions: TransactionRecord[];
  readonly reimbursements: ReimbursementRecord[];
  readonly limits: LimitRecord[];
  readonly cardTasks = new Map<string, CardTaskRecord>();
  /** `${clientId} ${idempotency_key}` → task id. */
  readonly idempotencyKeys = new Map<string, string>();

  constructor(seed: number = DEFAULT_DATA_SEED) {
    const data = generateSeedData(seed);
    this.business = data.business;
    this.entityIds = data.entityIds;
    this.departments = data.departments;
    this.locations = data.locations;
    this.users = data.users;
    this.cards = data.cards;
    this.transactions = data.transactions;
    this.reimbursements = data.reimbursements;
    this.limits = data.limits;
  }

  user(id: string): UserRecord | undefined {
    return this.users.find((user) => user.id === id);
  }

  department(id: string): DepartmentRecord | undefined {
    return this.departments.find((department) => department.id === id);
  }

  location(id: string): LocationRecord | undefined {
    return this.locations.find((location) => location.id === id);
  }
}
