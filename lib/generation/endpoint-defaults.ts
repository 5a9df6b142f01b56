/** The model endpoint PressPilot starts with, kept free of extension APIs so `npm start` can read it too. */
export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
export const DEFAULT_MODEL = 'gpt-4o-mini';
/** The model of `npm start`'s local stand-in, which writes sample text: the popup says so. */
export const DEMO_MODEL = 'presspilot-demo';
/** OpenAI's image model for featured images (gpt-image-1 and DALL·E are retired there). */
export const DEFAULT_IMAGE_MODEL = 'gpt-image-2.5-flare';
