/**
 * The public half of the key that pins the Chrome extension id, so that managed policy files and
 * bookmarks to extension pages stay valid across unpacked installs. The id is derived from it
 * (first 32 hex digits of its SHA-256, mapped to a-p); a unit test keeps the two in step.
 */
export const CHROME_MANIFEST_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAs4XVjmaksTAFA5CoM2zOjFiL0GR32Zg2HA6wuFibUbPME8XNhAd/YuzfQ+Bjgl14ggHEAPUsTi/4bvarNz+X2EeQ8T2/kOyniw8hraOwYgd5gYeDDaNCffWBLXJn4XcfElE/7cMYMpHy0Rc0MyghvoSxz10/gbKJZMYxd/tJrPTeTKYyRqyed6X0BDgxSy8GSok0qSfM+AjhM0H/RIhwb6CuUGD5rN1tzaiQ5BKy+vbALZcR9kmURm5Dfs93Lm2HIHVVH55kSpPwEms2z++u23Hg0Z3emnm55j1N/y53UMkPGip+3v5EMsx6UEEpJvVchmPzr6tchm1+uDZ89P6NeQIDAQAB';

export const CHROME_EXTENSION_ID = 'ndimacjpppfhbgfmakondeabgjjokgaj';

export const FIREFOX_EXTENSION_ID = 'handoff@handoff.example.org';
