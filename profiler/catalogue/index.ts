// Board catalogue (real MCUs with sourced datasheet facts), virtual-board facts, and the cycle
// model that predicts a catalogue board from a measured virtual board of the same core.
export { loadCatalogue, virtualBoardFacts, boardFacts, catalogueFacts, REPRESENTATIVE_PART } from './load.ts';
export { predictorCores, predictCycles } from './predict.ts';
export { catalogueEntrySchema, virtualBoardFactsSchema, CORES, ACCELERATORS, PRICE_BANDS, RADIOS, type Core, type Radio } from './schema.ts';
export { dataPath } from './paths.ts';
export type { CatalogueEntry, BoardFacts, Fact, FeatureName } from './types.ts';
export { loadPublished, publishedFor, publishedSchema, type PublishedFigure } from './published.ts';
