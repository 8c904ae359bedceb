/** JSON lines on standard output at level info, for tools and tests (the host builds its own from LOG_LEVEL). */
import { createJsonLogger } from './jsonLogger';
import type { Logger } from './logger';

export const consoleLogger: Logger = createJsonLogger();
