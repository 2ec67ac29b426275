/**
 * Imported by lib/form.ts, the one place the app runs a zod schema (so zod stays in the subpackages that validate,
 * never in the main package). WeChat forbids eval/new Function, so zod runs without its JIT,
 * and fallback messages (where a schema gives none) are in Chinese.
 */
import { z } from 'zod';
import { zhCN } from 'zod/locales';

z.config({ jitless: true, ...zhCN() });
