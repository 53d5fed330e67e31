#!/usr/bin/env node
// Validates Adaptive Cards the way Teams will see them, offline.
//
// stdin:  a JSON array of Adaptive Card objects
// stdout: a JSON array, same order, of lists of error strings ([] = card is fine)
// exit:   0 when the check ran (whatever it found), non-zero only if it could not run
//
// Three layers, because each catches what the others miss:
//  1. Teams rules the library does not know: the top-level type, and a version
//     no newer than 1.5 (Teams renders up to 1.5; the library happily takes 1.6).
//  2. The official `adaptivecards` parser with target version 1.5 (unknown
//     element/action types, invalid enum values, objects that must be set) and
//     its validateProperties() pass (duplicate ids, inputs without id, ...).
//  3. Required properties from the 1.5 JSON schema that the parser silently
//     defaults (a TextBlock without text renders as an empty block), plus the
//     project rule that every Action.Execute carries a verb, since the bot
//     dispatches card actions by verb.
"use strict";

const fs = require("fs");

// stdout carries the JSON answer only: anything a library logs goes to stderr.
console.log = console.info = console.warn = console.debug = (...args) => console.error(...args);

// The minified bundle is the build that loads in Node without a DOM.
const AC = require("adaptivecards/dist/adaptivecards.min.js");

const TEAMS_MAX_VERSION = { major: 1, minor: 5 };

// Events that are advice rather than defects; everything else fails the card.
const IGNORED_EVENTS = new Set([AC.ValidationEvent.Hint, AC.ValidationEvent.Deprecated]);

// Required properties per type (Adaptive Cards 1.5 schema), plus the verb rule.
const REQUIRED_PROPERTIES = {
  TextBlock: ["text"],
  Image: ["url"],
  Media: ["sources"],
  RichTextBlock: ["inlines"],
  TextRun: ["text"],
  FactSet: ["facts"],
  ImageSet: ["images"],
  Container: ["items"],
  ActionSet: ["actions"],
  TableCell: ["items"],
  "Input.Text": ["id"],
  "Input.Number": ["id"],
  "Input.Date": ["id"],
  "Input.Time": ["id"],
  "Input.Toggle": ["id", "title"],
  "Input.ChoiceSet": ["id"],
  "Input.Choice": ["title", "value"],
  "Action.OpenUrl": ["url"],
  "Action.ToggleVisibility": ["targetElements"],
  "Action.Execute": ["verb"],
};

// Keys whose values are free-form payloads, not card structure: a "type" key
// inside them must not be mistaken for an element.
const OPAQUE_KEYS = new Set(["data", "msteams", "metadata"]);

function readStdin() {
  return fs.readFileSync(0, "utf8");
}

function parseVersion(text) {
  const match = typeof text === "string" ? /^(\d+)\.(\d+)$/.exec(text) : null;
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : null;
}

function isNewerThan(version, limit) {
  return version.major !== limit.major ? version.major > limit.major : version.minor > limit.minor;
}

function teamsRuleErrors(card) {
  const errors = [];
  if (card.type !== "AdaptiveCard") {
    errors.push(`card: "type" must be "AdaptiveCard", got ${JSON.stringify(card.type)}`);
  }
  if (card.version === undefined) {
    errors.push('card: "version" is required');
    return errors;
  }
  const version = parseVersion(card.version);
  if (version === null) {
    errors.push(`card: "version" must look like "1.5", got ${JSON.stringify(card.version)}`);
  } else if (isNewerThan(version, TEAMS_MAX_VERSION)) {
    errors.push(`card: version ${card.version} is not supported by Teams (at most 1.5)`);
  }
  return errors;
}

function describeEvent(event) {
  const phase = AC.ValidationPhase[event.phase] || "Unknown";
  const kind = AC.ValidationEvent[event.event] || "Unknown";
  return `${phase} ${kind}: ${event.message}`;
}

function libraryErrors(card) {
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  const events = [];
  for (let i = 0; i < context.eventCount; i++) {
    events.push(context.getEventAt(i));
  }
  events.push(...parsed.validateProperties().validationEvents);
  return events.filter((event) => !IGNORED_EVENTS.has(event.event)).map(describeEvent);
}

function isMissing(value) {
  return value === undefined || value === null;
}

function requiredPropertyErrors(node, path, errors) {
  if (Array.isArray(node)) {
    node.forEach((item, index) => requiredPropertyErrors(item, `${path}[${index}]`, errors));
    return errors;
  }
  if (node === null || typeof node !== "object") {
    return errors;
  }
  for (const name of REQUIRED_PROPERTIES[node.type] || []) {
    if (isMissing(node[name])) {
      errors.push(`${path}: ${node.type} is missing required property "${name}"`);
    }
  }
  // Facts have no "type" of their own, so they are checked through their parent.
  if (node.type === "FactSet" && Array.isArray(node.facts)) {
    node.facts.forEach((fact, index) => {
      for (const name of ["title", "value"]) {
        if (fact === null || typeof fact !== "object" || isMissing(fact[name])) {
          errors.push(`${path}.facts[${index}]: Fact is missing required property "${name}"`);
        }
      }
    });
  }
  for (const [key, value] of Object.entries(node)) {
    if (!OPAQUE_KEYS.has(key)) {
      requiredPropertyErrors(value, `${path}.${key}`, errors);
    }
  }
  return errors;
}

function cardErrors(card) {
  if (card === null || typeof card !== "object" || Array.isArray(card)) {
    return ["card: must be a JSON object"];
  }
  return [...teamsRuleErrors(card), ...libraryErrors(card), ...requiredPropertyErrors(card, "card", [])];
}

function main() {
  const cards = JSON.parse(readStdin());
  if (!Array.isArray(cards)) {
    throw new Error("stdin must hold a JSON array of cards");
  }
  process.stdout.write(JSON.stringify(cards.map(cardErrors)));
}

try {
  main();
} catch (error) {
  process.stderr.write(`validate_cards.js: ${error && error.stack ? error.stack : error}\n`);
  process.exit(2);
}
