/** The largest backup accepted, in characters: well above 10,000 referrals, below a message's limit. */
export const MAX_BACKUP_CHARS = 32 * 1024 * 1024;
