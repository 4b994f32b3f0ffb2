/**
 * The entry of the widget's voice module (`npm run build` → `web-client/dist/parley-voice.js`, an ES module served
 * at `/parley-voice/parley-voice.js`). The widget imports it only when the user first turns voice on, so the chat
 * bundle does not carry vad-web and onnxruntime-web.
 */
export { startVoiceSession, type VoiceSession, type VoiceSessionOptions } from './voice-session.ts';
