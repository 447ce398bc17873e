import { SeededRandom } from '../random';
import type {
  BusinessRecord,
  CardRecord,
  CardState,
  DepartmentRecord,
  LimitRecord,
  LocationRecord,
  ReimbursementRecord,
  TransactionRecord,
  TransactionState,
  UserRecord,
} from './records';

/** The demo company every sandbox starts with. Same seed, same ids and values. */
export interface SeedData {
  business: BusinessRecord;
  entityIds: string[];
  departments: DepartmentRecord[];
  locations: LocationRecord[];
  users: UserRecord[];
  cards: CardRecord[];
  transactions: TransactionRecord[];
  reimbursements: ReimbursementRecord[];
  limits: LimitRecord[];
}

export const DEFAULT_DATA_SEED = 20240501;

export const SEED_COUNTS = {
  users: 10,
  cards: 12,
  transactions: 60,
  departments: 5,
  locations: 3,
  reimbursements: 8,
  limits: 6,
} as const;

/** Times are fixed, never relative to now, so a seed gives the same data on any day. */
const LATEST_TRANSACTION_MS = Date.UTC(2025, 5, 30, 23, 0, 0);
const DAY_MS = 86_400_000;

const DEPARTMENT_NAMES = ['Engineering', 'Sales', 'Marketing', 'Finance', 'Operations'];
const LOCATION_NAMES = ['San Francisco HQ', 'New York', 'Remote'];
const FIRST_NAMES = ['Ada', 'Grace', 'Alan', 'Katherine', 'Linus', 'Margaret', 'Dennis', 'Barbara', 'Ken', 'Frances'];
const LAST_NAMES = [
  'Lovelace',
  'Hopper',
  'Turing',
  'Johnson',
  'Torvalds',
  'Hamilton',
  'Ritchie',
  'Liskov',
  'Thompson',
  'Allen',
];
const MERCHANTS: ReadonlyArray<[name: string, categoryId: number, category: string]> = [
  ['Amazon Web Services', 26, 'SaaS / Software'],
  ['United Airlines', 3, 'Airlines'],
  ['Uber', 40, 'Taxi & Rideshare'],
  ['Blue Bottle Coffee', 19, 'Restaurants'],
  ['Figma', 26, 'SaaS / Software'],
  ['Marriott', 23, 'Lodging'],
  ['WeWork', 35, 'Rent'],
  ['Staples', 32, 'Office Supplies'],
  ['Google Ads', 1, 'Advertising'],
  ['Delta Air Lines', 3, 'Airlines'],
];
const MEMOS = ['Team offsite', 'Client dinner', 'Quarterly subscription', null, null, 'Conference travel', null];

export function generateSeedData(seed: number = DEFAULT_DATA_SEED): SeedData {
  const random = new SeededRandom(seed);

  const entityIds = [random.uuid(), random.uuid()];
  const primaryEntity = entityIds[0] as string;

  const business: BusinessRecord = {
    id: random.uuid(),
    business_name_legal: 'Rampart Demo Company, Inc.',
    business_name_on_card: 'RAMPART DEMO',
    phone: '+14155550100',
    website: 'https://demo-company.example',
    active: true,
    enforce_sso: false,
    limit_locked: false,
    is_integrated_with_slack: false,
    is_reimbursements_enabled: true,
    initial_approved_limit: 250_000,
    created_time: '2021-03-15T17:00:00+00:00',
    billing_address: {
      address1: '100 Market Street',
      city: 'San Francisco',
      state: 'CA',
      postal_code: '94105',
      country: 'US',
    },
  };

  const departments = DEPARTMENT_NAMES.map((name) => ({ id: random.uuid(), name }));
  const locations = LOCATION_NAMES.map((name, index) => ({
    id: random.uuid(),
    name,
    entity_id: index === 2 ? (entityIds[1] as string) : primaryEntity,
  }));

  const roles: UserRecord['role'][] = ['BUSINESS_OWNER', 'BUSINESS_ADMIN', 'BUSINESS_BOOKKEEPER'];
  const users: UserRecord[] = [];
  for (let i = 0; i < SEED_COUNTS.users; i++) {
    const first = FIRST_NAMES[i] as string;
    const last = LAST_NAMES[i] as string;
    users.push({
      id: random.uuid(),
      email: `${first}.${last}@demo-company.example`.toLowerCase(),
      first_name: first,
      last_name: last,
      role: roles[i] ?? (i === 9 ? 'AUDITOR' : 'BUSINESS_USER'),
      status: i === 8 ? 'INVITE_PENDING' : 'USER_ACTIVE',
      department_id: (departments[i % departments.length] as DepartmentRecord).id,
      location_id: (locations[i % locations.length] as LocationRecord).id,
      manager_id: i === 0 ? null : (users[i < 3 ? 0 : 1] as UserRecord).id,
      business_id: business.id,
      entity_id: primaryEntity,
      is_manager: i < 2,
    });
  }

  const cardStates: CardState[] = [
    'ACTIVE',
    'ACTIVE',
    'ACTIVE',
    'TERMINATED',
    'ACTIVE',
    'SUSPENDED',
    'ACTIVE',
    'ACTIVE',
    'UNACTIVATED',
    'ACTIVE',
    'TERMINATED',
    'ACTIVE',
  ];
  const cards: CardRecord[] = [];
  for (let i = 0; i < SEED_COUNTS.cards; i++) {
    const holder = users[i % users.length] as UserRecord;
    const isPhysical = i % 3 === 0;
    cards.push({
      id: random.uuid(),
      display_name: isPhysical
        ? `${holder.first_name}'s card`
        : `${random.pick(['Software', 'Travel', 'Meals', 'Ads', 'Office'])} ${i + 1}`,
      last_four: String(random.int(0, 9999)).padStart(4, '0'),
      expiration: `${String(random.int(1, 12)).padStart(2, '0')}${random.int(27, 30)}`,
      cardholder_id: holder.id,
      // Every third card was issued outside a card program (Ramp's card_program_id is nullable).
      card_program_id: i % 3 === 1 ? null : stableId(seed, isPhysical ? 'program:physical' : 'program:virtual'),
      is_physical: isPhysical,
      state: cardStates[i] ?? 'ACTIVE',
      spending_restrictions: {
        amount: random.int(5, 100) * 100,
        interval: random.pick(['DAILY', 'MONTHLY', 'MONTHLY', 'YEARLY', 'TOTAL'] as const),
        transaction_amount_limit: i % 4 === 0 ? random.int(1, 10) * 100 : null,
        categories: [],
      },
      entity_id: primaryEntity,
      created_at: new Date(Date.UTC(2024, 0, 10) + i * 7 * DAY_MS).toISOString(),
    });
  }

  const transactions: TransactionRecord[] = [];
  for (let i = 0; i < SEED_COUNTS.transactions; i++) {
    const card = cards[random.int(0, cards.length - 1)] as CardRecord;
    const [merchantName, categoryId, categoryName] = MERCHANTS[random.int(0, MERCHANTS.length - 1)] as [
      string,
      number,
      string,
    ];
    const cents = random.int(150, 250_000);
    // Spaced out and then jittered, so times are distinct and the list order is unambiguous.
    const time = LATEST_TRANSACTION_MS - i * 1.5 * DAY_MS - random.int(0, 3_600) * 1_000;
    const state: TransactionState =
      i % 10 === 3 ? 'DECLINED' : i < 4 ? 'PENDING' : i % 17 === 5 ? 'PENDING_INITIATION' : 'CLEARED';
    const settled = state === 'CLEARED';
    const synced = settled && i % 3 === 0;
    // Some card transactions come without a merchant Ramp could identify: no merchant id, no name.
    const knownMerchant = i % 9 !== 7;
    transactions.push({
      id: random.uuid(),
      amount: cents / 100,
      currency_code: 'USD',
      card_id: card.id,
      user_id: card.cardholder_id,
      merchant_id: knownMerchant ? stableId(seed, merchantName) : null,
      merchant_name: knownMerchant ? merchantName : null,
      card_present: card.is_physical && i % 2 === 0,
      sk_category_id: categoryId,
      sk_category_name: categoryName,
      state,
      // The drifted revision disputes a few cleared transactions (enum value added in `next`).
      next_state: settled && i % 7 === 2 ? 'DISPUTED' : state,
      user_transaction_time: new Date(time).toISOString(),
      settlement_date: settled ? new Date(time + 2 * DAY_MS).toISOString() : null,
      accounting_date: settled ? new Date(time + 2 * DAY_MS).toISOString() : null,
      memo: random.pick(MEMOS),
      receipts: settled && i % 2 === 0 ? [random.uuid()] : [],
      sync_status: synced ? 'SYNCED' : settled ? 'SYNC_READY' : 'NOT_SYNC_READY',
      synced_at: synced ? new Date(time + 3 * DAY_MS).toISOString() : null,
      entity_id: card.entity_id,
      limit_id: null,
    });
  }

  const reimbursements: ReimbursementRecord[] = [];
  for (let i = 0; i < SEED_COUNTS.reimbursements; i++) {
    const user = users[(i * 3) % users.length] as UserRecord;
    const type = random.pick(['OUT_OF_POCKET', 'OUT_OF_POCKET', 'MILEAGE', 'PER_DIEM'] as const);
    const created = LATEST_TRANSACTION_MS - i * 9 * DAY_MS;
    reimbursements.push({
      id: random.uuid(),
      amount: random.int(500, 60_000) / 100,
      currency: 'USD',
      type,
      state: random.pick(['PENDING', 'APPROVED', 'REIMBURSED', 'REIMBURSED', 'REJECTED'] as const),
      direction: 'BUSINESS_TO_USER',
      user_id: user.id,
      merchant: type === 'OUT_OF_POCKET' ? random.pick(MERCHANTS)[0] : null,
      memo: random.pick(MEMOS),
      created_at: new Date(created).toISOString(),
      transaction_date: new Date(created - 2 * DAY_MS).toISOString().slice(0, 10),
      entity_id: primaryEntity,
    });
  }

  // Drawn last, so adding limits never shifted the ids above.
  const limits: LimitRecord[] = [];
  for (let i = 0; i < SEED_COUNTS.limits; i++) {
    const user = users[i] as UserRecord;
    const limitMinor = random.int(10, 200) * 10_000;
    const cleared = random.int(0, limitMinor / 2);
    limits.push({
      id: random.uuid(),
      display_name: `${random.pick(['Software', 'Travel', 'Meals', 'Events'])} limit ${i + 1}`,
      entity_id: primaryEntity,
      state: i === 5 ? 'SUSPENDED' : 'ACTIVE',
      limit_minor: limitMinor,
      interval: random.pick(['MONTHLY', 'QUARTERLY', 'YEARLY'] as const),
      cleared_minor: cleared,
      pending_minor: random.int(0, limitMinor / 10),
      user_ids: [user.id],
      card_ids: cards.filter((card) => card.cardholder_id === user.id).map((card) => card.id),
      created_at: new Date(Date.UTC(2024, 5, 1) + i * 5 * DAY_MS).toISOString(),
    });
  }

  transactions.sort(compareTransactions);
  return { business, entityIds, departments, locations, users, cards, transactions, reimbursements, limits };
}

/** Newest first, ties broken by id: the order Ramp lists transactions in, and the order the cursor walks. */
export function compareTransactions(a: TransactionRecord, b: TransactionRecord): number {
  if (a.user_transaction_time !== b.user_transaction_time)
    return a.user_transaction_time < b.user_transaction_time ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** One stable id per name (merchant, card program), independent of draw order. */
function stableId(seed: number, name: string): string {
  let hash = seed >>> 0;
  for (const char of name) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return new SeededRandom(hash).uuid();
}
