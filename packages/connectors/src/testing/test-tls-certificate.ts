/**
 * A self-signed certificate for localhost and 127.0.0.1 (valid until 2126) and its key, for the
 * local SMTP server's STARTTLS and implicit TLS. Test material only: the key is public, so nothing
 * outside tests and the demo sandbox may trust it.
 */
export const testTlsKey = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgg54jrf4i6YKXnKXR
/gxQbuX2gZlm8q4eHBzica6nFkWhRANCAASXI40gmXV22C1JytIZBRJzeH9Nfn5v
f3V6y3H3YvdEaak4FpQLf6X3PuvwYIVnBKji60VeU13rZuwa98aUPTgC
-----END PRIVATE KEY-----
`;

/** The certificate, also the CA a client trusts to reach the local server (`caCertificate`). */
export const testTlsCertificate = `-----BEGIN CERTIFICATE-----
MIIB4TCCAYegAwIBAgIUSXhh0e0jZL40gIajv90xTPkdFj8wCgYIKoZIzj0EAwIw
NzESMBAGA1UEAwwJbG9jYWxob3N0MSEwHwYDVQQKDBhXYXltYXJrIHRlc3QgU01U
UCBzZXJ2ZXIwIBcNMjYxMTIzMTMwMTUxWhgPMjEyNjEwMzAxMzAxNTFaMDcxEjAQ
BgNVBAMMCWxvY2FsaG9zdDEhMB8GA1UECgwYV2F5bWFyayB0ZXN0IFNNVFAgc2Vy
dmVyMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAElyONIJl1dtgtScrSGQUSc3h/
TX5+b391estx92L3RGmpOBaUC3+l9z7r8GCFZwSo4utFXlNd62bsGvfGlD04AqNv
MG0wHQYDVR0OBBYEFO27G2mtP1mIHB3uYDii/8UTKf3uMB8GA1UdIwQYMBaAFO27
G2mtP1mIHB3uYDii/8UTKf3uMA8GA1UdEwEB/wQFMAMBAf8wGgYDVR0RBBMwEYIJ
bG9jYWxob3N0hwR/AAABMAoGCCqGSM49BAMCA0gAMEUCIAXo5bUrZIkZIYO4ZvCU
jUxW3m6F8pQOi231Vge9T+9MAiEAzBQi29kL00Bi0zeODDZcG86KbdtXGi/uJx8c
rjyY6OM=
-----END CERTIFICATE-----
`;
