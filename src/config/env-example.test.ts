import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'dotenv';
import { ENV_VARIABLES } from '.';

const example = readFileSync(resolve(__dirname, '../../.env.example'), 'utf8');

describe('.env.example', () => {
  it('lists every variable rampart reads, each with a comment', () => {
    const listed = Object.keys(parse(example));
    expect(listed.sort()).toEqual(Object.keys(ENV_VARIABLES).sort());
    for (const variable of listed) expect(example).toMatch(new RegExp(`# .+\\n${variable}=`));
  });

  it('holds no value, so no secret can be committed through it', () => {
    expect(Object.values(parse(example)).every((value) => value === '')).toBe(true);
  });
});
