import { listPactFiles, readPact } from '../contracts/pact-reader';

/** One request a consumer pact makes. */
export interface PactCall {
  consumer: string;
  description: string;
  method: string;
  path: string;
}

/** Every interaction's request in the pact files of `dir` (or the given files). @throws PactLoadError */
export function readPactCalls(dirOrFiles: string | readonly string[]): PactCall[] {
  const files = typeof dirOrFiles === 'string' ? listPactFiles(dirOrFiles, { allowEmpty: true }) : dirOrFiles;
  return files.flatMap((file) => {
    const pact = readPact(file);
    return pact.interactions.map(({ description, method, path }) => ({
      consumer: pact.consumer,
      description,
      method,
      path,
    }));
  });
}
