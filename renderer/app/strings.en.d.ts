/** English strings; exactly the keys of strings.nl.ts (type-checked). */
import type { StringKey } from './strings.nl.js';
export declare const en: Record<StringKey, string>;
