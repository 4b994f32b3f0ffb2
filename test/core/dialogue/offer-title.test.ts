import { describe, expect, it } from 'vitest';
import { defaultDialogueMessages, titleAsOffered } from '../../../core/contracts/dialogue-messages.ts';
import { spanishDialogueMessages } from '../../../core/spanish-dialogue-messages.ts';

describe('an intent title offered by the bot', () => {
  it('turns the user\'s "my" into "your", in English and Spanish, and leaves other titles as they are', () => {
    expect(defaultDialogueMessages.offerAction!('Renew my loans')).toBe('Would you like to renew your loans?');
    expect(defaultDialogueMessages.notFoundOffer!('Cancel my Plus membership')).toMatch(/Would you like to cancel your Plus membership\?$/);
    expect(defaultDialogueMessages.offerAction!('Return an item')).toBe('Would you like to return an item?');
    expect(spanishDialogueMessages.offerAction!('Renovar mis préstamos')).toBe('¿Quieres renovar tus préstamos?');
    expect(titleAsOffered('Contact Mia about my order')).toBe('contact Mia about your order');
  });
});
