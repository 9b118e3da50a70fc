export { messageIdFor } from './compose-message.ts';
export { type SmtpEmailCredentials, smtpEmail } from './smtp-email.ts';
