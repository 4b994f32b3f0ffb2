import { UserTokenClient } from 'botframework-connector';

const unsupported = (): never => {
  throw new Error('parley does not use the Bot Framework token service (OAuth sign-in cards are not supported)');
};

/** The user token client every turn context gets: parley signs users in through its own channels, not OAuth cards. */
export class UnsupportedUserTokenClient extends UserTokenClient {
  getUserToken = async () => unsupported();
  getSignInResource = async () => unsupported();
  signOutUser = async () => unsupported();
  getTokenStatus = async () => unsupported();
  getAadTokens = async () => unsupported();
  exchangeToken = async () => unsupported();
}
