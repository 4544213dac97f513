// Builds build/agent.wasm once before any suite runs, so every test sees the current sources.
// @ts-ignore: plain ESM build script
import { buildWasm } from '../../scripts/build-wasm.mjs';

export default function setup() { buildWasm(); }
