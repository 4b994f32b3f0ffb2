/** What the voice channel says on its own, outside the bot's dialogue. */
export interface VoiceMessages {
  /** Nothing was recognized in the utterance. */
  notHeard: string;
  /** The bot asked for something speech cannot give it (an e-mail address, free text): offer typing instead. */
  typeInstead: (label: string) => string;
}

/** The defaults of {@link VoiceMessages}. */
export const defaultVoiceMessages: VoiceMessages = {
  notHeard: "Sorry, I didn't catch that. Could you say it again?",
  typeInstead: (label) => `I can't take your ${label} by voice: please type it in the chat.`,
};
