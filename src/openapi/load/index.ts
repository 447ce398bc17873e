export { loadSpec, loadSpecText, type LoadSpecOptions } from './load-spec';
export { parseSpecText } from './parse-text';
export { contextOf, deref, isObject, resolveRef, type DocContext, type JsonObject, type Resolved } from './ref-context';
export { effectiveSchema, writtenAllOf } from './effective-schema';
