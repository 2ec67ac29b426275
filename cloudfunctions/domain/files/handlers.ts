/** files: thin handlers over the core file service. */
import type { Handlers } from '../../core/context';
import { finishUpload, startUpload } from '../../core/files';

export const filesHandlers: Handlers<'files'> = {
  startUpload: (input, ctx) => startUpload(ctx, input),
  finishUpload: (input, ctx) => finishUpload(ctx, input),
};
