import { z } from 'zod';

// Extension pages and the worker forbid eval (MV3 CSP): keep zod from even probing for it.
z.config({ jitless: true });

/** zod, configured for an extension: import it from here, never from 'zod'. */
export { z };
