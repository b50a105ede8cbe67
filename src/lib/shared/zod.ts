import { z } from 'zod';

// Pages run under a Content-Security-Policy without 'unsafe-eval' (svelte.config.js). zod
// would probe for eval to compile its object parsers, and the browser reports that probe as a
// violation even though zod catches it; in a browser it parses without compiling instead.
if (typeof document !== 'undefined') z.config({ jitless: true });

export { z };
