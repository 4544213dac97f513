// Builds build/agent.wasm once before any suite runs, so every test sees the current sources.
import { buildWasm } from '../../profiler/build/wasm.ts';

export default function setup() { buildWasm(); }
