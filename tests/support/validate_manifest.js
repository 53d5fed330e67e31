#!/usr/bin/env node
// Validates a Teams app manifest, or one of its translation files, against the JSON
// schema its "$schema" names, using the schemas bundled with @microsoft/app-manifest
// (no network).
//
// usage:  node validate_manifest.js path/to/manifest.json   (or path/to/en-us.json)
// stdout: a JSON array of error strings ([] = the manifest is valid)
// exit:   0 when the check ran (whatever it found), non-zero only if it could not run
"use strict";

const fs = require("fs");
const { AppManifestUtils } = require("@microsoft/app-manifest");

// The JSON Schema validator the library itself uses, resolved from the library so both agree.
const fromLibrary = (name) => require(require.resolve(name, { paths: [require.resolve("@microsoft/app-manifest")] }));
const AjvDraft04 = fromLibrary("ajv-draft-04");
const addFormats = fromLibrary("ajv-formats");

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
    if (manifest.$schema.endsWith("/MicrosoftTeams.Localization.schema.json")) {
      return localizationErrors(manifest, await AppManifestUtils.fetchSchema(manifest.$schema));
    }
    return await AppManifestUtils.validateAgainstSchema(manifest);
  } catch (error) {
    // The library wraps fetch failures in its own Error, so match on the text.
    if (String(error && error.message).includes("is not bundled")) {
      return [error.message];
    }
    throw error;
  }
}

// The localization schema's key patterns (e.g. `activityTypes\[...\b]`) are written for a
// regular-expression engine without Unicode mode, where a lone "]" is a literal; the library
// compiles patterns in Unicode mode and throws on them. Same validator, same schema and the
// same error format, with patterns read as the schema's authors wrote them.
function localizationErrors(file, schema) {
  const ajv = new AjvDraft04({ allErrors: true, strictTypes: false, unicodeRegExp: false });
  addFormats(ajv, ["uri", "email", "regex"]);
  const validate = ajv.compile(schema);
  if (validate(file)) {
    return [];
  }
  return validate.errors.map(
    (error) => `${error.instancePath} ${error.message || ""}. Details: ${error.params ? JSON.stringify(error.params) : ""}`,
  );
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
