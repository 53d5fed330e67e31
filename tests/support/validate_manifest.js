#!/usr/bin/env node
// Validates a Teams app manifest against the JSON schema its "$schema" names,
// using the schemas bundled with @microsoft/app-manifest (no network).
//
// usage:  node validate_manifest.js path/to/manifest.json
// stdout: a JSON array of error strings ([] = the manifest is valid)
// exit:   0 when the check ran (whatever it found), non-zero only if it could not run
"use strict";

const fs = require("fs");
const { AppManifestUtils } = require("@microsoft/app-manifest");

// stdout carries the JSON answer only: anything a library logs goes to stderr.
console.log = console.info = console.warn = console.debug = (...args) => console.error(...args);

// validateAgainstSchema() reads the schema from the package when it knows the
// $schema URL and silently downloads it otherwise. Tests must not depend on the
// network (and must not pass because a download happened to work), so any
// download attempt becomes a validation error instead.
globalThis.fetch = async (url) => {
  throw new Error(`schema ${url} is not bundled with @microsoft/app-manifest`);
};

function readManifest(path) {
  // A missing file is a caller error (crash); broken JSON is a finding.
  const text = fs.readFileSync(path, "utf8").replace(/^\uFEFF/, "");
  try {
    return { manifest: JSON.parse(text), errors: [] };
  } catch (error) {
    return { manifest: null, errors: [`manifest.json is not valid JSON: ${error.message}`] };
  }
}

async function schemaErrors(manifest) {
  if (manifest === null || typeof manifest !== "object" || Array.isArray(manifest)) {
    return ["manifest must be a JSON object"];
  }
  if (typeof manifest.$schema !== "string") {
    return ['manifest has no "$schema" to validate against'];
  }
  try {
    return await AppManifestUtils.validateAgainstSchema(manifest);
  } catch (error) {
    // The library wraps fetch failures in its own Error, so match on the text.
    if (String(error && error.message).includes("is not bundled")) {
      return [error.message];
    }
    throw error;
  }
}

async function main() {
  const path = process.argv[2];
  if (!path) {
    throw new Error("usage: node validate_manifest.js <manifest.json>");
  }
  const { manifest, errors } = readManifest(path);
  const found = manifest === null ? errors : await schemaErrors(manifest);
  process.stdout.write(JSON.stringify(found));
}

main().catch((error) => {
  process.stderr.write(`validate_manifest.js: ${error && error.stack ? error.stack : error}\n`);
  process.exit(2);
});
