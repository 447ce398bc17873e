import { HANDLERS } from './handlers';
import { Router } from './router';
import { sandboxSpec } from './spec';
import { SPEC_REVISIONS } from './types';

/** Validators compile on a route's first request; a schema Ajv cannot compile must still fail here, not in a run. */
describe('Router', () => {
  it.each(SPEC_REVISIONS)('%s: every route compiles its query and body validators', (revision) => {
    const router = new Router(sandboxSpec(revision), HANDLERS, ['issueToken', 'revokeToken']);
    expect(router.routes.length).toBeGreaterThan(10);
    for (const route of router.routes) {
      expect(typeof route.validateQuery()).toBe('function');
      const body = route.validateBody();
      expect(body === null || typeof body === 'function').toBe(true);
      expect(route.validateQuery()).toBe(route.validateQuery());
    }
    const bodies = router.routes.filter((route) => route.validateBody() !== null);
    expect(bodies.map((route) => route.operationId)).toContain('createVirtualCard');
  });

  it('a query value arrives as text and is coerced to the type of its schema', () => {
    const router = new Router(sandboxSpec('baseline'), HANDLERS, ['issueToken', 'revokeToken']);
    const match = router.match('GET', router.routes.find((route) => route.operationId === 'listTransactions')!.path);
    if (match.kind !== 'route') throw new Error(`no route: ${match.kind}`);
    const query: Record<string, unknown> = { page_size: '5' };
    expect(match.route.validateQuery()(query)).toBe(true);
    expect(query.page_size).toBe(5);
    expect(match.route.validateQuery()({ page_size: 'many' })).toBe(false);
  });
});
