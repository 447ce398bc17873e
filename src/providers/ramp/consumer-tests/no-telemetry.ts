// Imported before anything loads pact's native core: pact reports usage unless told not to, and
// tests send nothing anywhere but loopback.
process.env['PACT_DO_NOT_TRACK'] = 'true';

export {};
