/** The REST API key the tests' servers accept (`apiKeys` of createParleyServer, `PARLEY_API_KEYS` of a process). */
export const testApiKey = 'pk-test-key-for-the-rest-channel-0123456789';

/** The `Authorization` header carrying {@link testApiKey}. */
export const testAuthorization = { authorization: `Bearer ${testApiKey}` } as const;
