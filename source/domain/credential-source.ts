// Where the SDK's default chain will take credentials from, in words for the header and the journal. No SDK
// import: the UI calls it on every frame. The order is the chain's (credential-provider-node's defaultProvider).

type Env = Readonly<Record<string, string | undefined>>;

const set = (env: Env, name: string): string | undefined => {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
};

/** "profile prod", "keys from AWS_ACCESS_KEY_ID", …, and "default profile" only when nothing else applies. */
export function credentialSource(profile: string | undefined, env: Env): string {
  const named = profile ?? set(env, 'AWS_PROFILE');
  if (named !== undefined) return `profile ${named}`;
  if (set(env, 'AWS_ACCESS_KEY_ID') !== undefined && set(env, 'AWS_SECRET_ACCESS_KEY') !== undefined) return 'keys from AWS_ACCESS_KEY_ID';
  if (set(env, 'AWS_WEB_IDENTITY_TOKEN_FILE') !== undefined) return 'web identity (AWS_WEB_IDENTITY_TOKEN_FILE)';
  if (set(env, 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI') !== undefined || set(env, 'AWS_CONTAINER_CREDENTIALS_FULL_URI') !== undefined) {
    return 'container credentials';
  }
  return 'default profile';
}
