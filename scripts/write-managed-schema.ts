/** Regenerates `public/managed_schema.json` from the zod config schema: `npm run schema`. */
import { writeFileSync } from 'node:fs';
import { managedSchema } from '../src/config/managed-schema';

writeFileSync('public/managed_schema.json', `${JSON.stringify(managedSchema(), null, 2)}\n`);
