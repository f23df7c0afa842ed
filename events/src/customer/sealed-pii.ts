import { z } from 'zod';

const Base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, { message: 'must be base64' });

/**
 * A customer's personal data as it is stored in events: AES-256-GCM ciphertext under the
 * customer's own data key, which lives outside the event store (services/ledger, customer keys).
 * Destroying that key erases the customer while every stored event — and so the audit hash
 * chain over the stored bytes — stays exactly as it was. Only the shape lives here; the core
 * does no cryptography.
 */
export const SealedPii = z.object({
  keyId: z.uuid(),
  iv: Base64.max(24),
  ciphertext: Base64.max(4096),
  tag: Base64.max(24),
});
export type SealedPii = z.infer<typeof SealedPii>;
