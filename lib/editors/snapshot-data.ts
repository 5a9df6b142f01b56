/**
 * An adapter's undo snapshot read back, each field's type checked. Checked by hand, not with
 * zod: this runs in the page-world bridge, which loads with every editor page and stays small
 * (what reaches it comes only from the content script, which has checked the message already).
 */
import { PressPilotError } from '../errors';

type FieldType = 'string' | 'number' | 'numbers' | 'strings' | 'object' | 'objects' | 'numbers-or-null' | 'string-or-null';

const CHECKS: Record<FieldType, (value: unknown) => boolean> = {
  string: (value) => typeof value === 'string',
  number: (value) => typeof value === 'number',
  object: (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  numbers: (value) => Array.isArray(value) && value.every((item) => typeof item === 'number'),
  strings: (value) => Array.isArray(value) && value.every((item) => typeof item === 'string'),
  objects: (value) => Array.isArray(value) && value.every((item) => typeof item === 'object' && item !== null),
  'numbers-or-null': (value) => value === null || CHECKS.numbers(value),
  'string-or-null': (value) => value === null || typeof value === 'string',
};

export function readSnapshot<T>(data: unknown, shape: Record<keyof T, FieldType>): T {
  const fields = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  for (const [name, type] of Object.entries(shape) as Array<[string, FieldType]>) {
    if (!CHECKS[type](fields[name])) throw new PressPilotError('editor-failed', 'This undo snapshot does not fit the editor any more, so nothing was changed.', false);
  }
  return fields as T;
}
