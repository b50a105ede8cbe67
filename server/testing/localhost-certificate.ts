// A self-signed certificate for localhost and 127.0.0.1 (P-256, valid until 2126), made for the
// push-service stand-in alone: web-push posts over https only, and the stand-in's clients trust
// exactly this certificate (an https.Agent with it as `ca`). It guards nothing.

export const STAND_IN_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgyqVmV25xQbgezEuP
kQBtpL8kHRosDc6UClwwy0jzgsqhRANCAASt6vGTIxxXxbw6UMpjtl98rUGTQSg+
XxYWx1rAEIx3nhWUvjJcjrGVEJST4vGM4UP8gNIWAgLo4+WgZjmeI6xq
-----END PRIVATE KEY-----
`;

export const STAND_IN_CERT = `-----BEGIN CERTIFICATE-----
MIIBmzCCAUGgAwIBAgIUOmhEcDFCEJH2C4Q7t/eAa8kAfw8wCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTIwNzEyMjQ0MVoYDzIxMjYxMTEz
MTIyNDQxWjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAASt6vGTIxxXxbw6UMpjtl98rUGTQSg+XxYWx1rAEIx3nhWUvjJcjrGV
EJST4vGM4UP8gNIWAgLo4+WgZjmeI6xqo28wbTAdBgNVHQ4EFgQUdNZ6+42UxXb0
s2MqhJbzK830RfgwHwYDVR0jBBgwFoAUdNZ6+42UxXb0s2MqhJbzK830RfgwDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgglsb2NhbGhvc3SHBH8AAAEwCgYIKoZI
zj0EAwIDSAAwRQIhALWVd4w+diXQ45eogCGoIG3rChsymfrB89rWmfz0G5vzAiBR
b2UlqtiWv8IJLjHAyrrkrrh98ZOYA8KchRGKlLgEkg==
-----END CERTIFICATE-----
`;
