// Which user an identity at the OpenID provider is (issue 16 item 1): the provider's issuer and
// subject, unique, pointing at the user created or found at the first single sign-on.
import mongoose, { Schema } from 'mongoose';

const ssoIdentitySchema = new Schema(
  {
    /** `${issuer} ${subject}`: the subject is only unique per issuer. */
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    createdAt: { type: Date, required: true },
    lastSignInAt: { type: Date, required: true },
  },
  { collection: 'sso_identities', versionKey: false },
);
ssoIdentitySchema.index({ userId: 1 });

export const SsoIdentity = mongoose.model('SsoIdentity', ssoIdentitySchema);
