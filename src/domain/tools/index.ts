export { ensureToolsSeeded, SEED_TOOLS } from "./seed-tools.js";
export { quoteTool, toolOptions, type ToolQuote } from "./tool-quote.js";
export { toolDescription, toolEmoji, toolName, toolOptionsSummary, toolValueLabel } from "./tool-labels.js";
