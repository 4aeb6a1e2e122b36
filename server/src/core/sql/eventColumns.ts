// One audit Event's JSON text to the request attributes the policy checker saw, in SQL: the core's
// eventToAttributes (request/auditEvent.ts) check by check, in its order, with its messages, plus
// what replay measures of an event (stage, recorded level, sizes). Each check reads the member's
// JSON text (jsonSql.ts), so a wrong type is told from an absent member as JSON.parse tells them.
import { LEVELS, STAGES } from '../model.ts';
import { UNKNOWN_CODE } from '../replay/replayIndex.ts';
import { AUDIT_API_VERSIONS } from '../request/auditEvent.ts';
import type { Definitions } from './definitions.ts';
import { decoded, describe, describeOrNothing, isAbsent, isAbsentOrNull, isArray, isJson, isJsonObject, isObject, isString, isStringValue, member, membersOf, optionalString } from './jsonSql.ts';
import { pathDefinitions } from './pathSql.ts';
import { sqlString, sqlStringArray } from './sqlLiteral.ts';

/** The columns later SELECTs read (and rule conditions test). */
export const EVENT = {
  /** '' for an audit Event, else why it is not one. */
  error: 'kap_error',
  auditId: 'kap_audit_id',
  hasUser: 'kap_has_user',
  user: 'kap_user',
  groups: 'kap_groups',
  verb: 'kap_verb',
  isResource: 'kap_is_resource',
  namespace: 'kap_namespace',
  apiGroup: 'kap_api_group',
  resource: 'kap_resource',
  subresource: 'kap_subresource',
  name: 'kap_name',
  /** The percent-decoded path of a non-resource request ('' for resource requests: no rule reads it). */
  path: 'kap_path',
  /** Index into STAGES / LEVELS, or UNKNOWN_CODE. */
  stage: 'kap_stage',
  recordedLevel: 'kap_recorded_level',
  /** The event's bytes, and of its bodies with their keys (as the reader measures them). */
  bytes: 'kap_bytes',
  requestBodyBytes: 'kap_request_body_bytes',
  responseBodyBytes: 'kap_response_body_bytes',
} as const;

const NO_MEMBERS = 'CAST([] AS Array(Tuple(String, String)))';

/** The SQL index of `value` (a string column) in `names`, as a code (replayIndex codeOf). */
const codeOf = (names: readonly string[], value: string): string => `if(indexOf(${sqlStringArray(names)}, ${value}) = 0, ${UNKNOWN_CODE}, indexOf(${sqlStringArray(names)}, ${value}) - 1)`;

/**
 * Definitions of EVENT's columns from the source's columns (sourceColumns.ts): `json` holds one
 * event's JSON text, unless `recordError` says why its record holds none; an error of the event
 * itself is prefixed with `errorPrefix` (the record it came in).
 */
export function eventDefinitions(json: string, recordError: string, errorPrefix: string): Definitions {
  const m = (key: string): string => member('kap_members', key);
  const ref = (key: string): string => member('kap_ref_members', key);
  const refFields = ['apiGroup', 'apiVersion', 'namespace', 'resource', 'subresource', 'name'] as const;
  const mustBeString = (v: string, label: string): [string, string] => [`NOT (${isAbsentOrNull(v)} OR ${isString(v)})`, `concat(${sqlString(`${label} must be a string, got `)}, ${describe(v)})`];
  // eventToAttributes' checks in its order: the first that fails is the error.
  const checks: [string, string][] = [
    ['NOT kap_valid', `'invalid JSON'`],
    ['NOT kap_is_object', `concat('not an audit Event: expected a JSON object, got ', ${describe('kap_document')})`],
    [isStringValue('kap_kind', 'EventList'), `'not an audit Event: this is an EventList; pass its items'`],
    [`NOT (${isAbsent('kap_kind')} OR ${isStringValue('kap_kind', 'Event')})`, `concat('not an audit Event: kind must be "Event", got ', ${describe('kap_kind')})`],
    [
      `NOT (${isAbsent('kap_event_api_version')} OR (${isString('kap_event_api_version')} AND ${decoded('kap_event_api_version')} IN (${AUDIT_API_VERSIONS.map(sqlString).join(', ')})))`,
      `concat(${sqlString(`not an audit Event: apiVersion must be one of ${AUDIT_API_VERSIONS.join(', ')}, got `)}, ${describe('kap_event_api_version')})`,
    ],
    [`NOT ${isString('kap_verb_json')}`, `concat('not an audit Event: "verb" must be a string, got ', ${describeOrNothing('kap_verb_json')})`],
    [`NOT (${isAbsentOrNull('kap_user_json')} OR ${isObject('kap_user_json')})`, `concat('user must be an object, got ', ${describe('kap_user_json')})`],
    mustBeString('kap_username_json', 'user.username'),
    [`NOT (${isAbsentOrNull('kap_groups_json')} OR ${isArray('kap_groups_json')})`, `concat('user.groups must be an array of strings, got ', ${describe('kap_groups_json')})`],
    ['kap_bad_group > 0', `concat('user.groups[', toString(kap_bad_group - 1), '] must be a string, got ', ${describe('kap_group_items[kap_bad_group]')})`],
    mustBeString('kap_uri_json', 'requestURI'),
    [`${isAbsentOrNull('kap_ref_json')} AND kap_uri = ''`, `'not an audit Event: it has neither objectRef (resource request) nor requestURI (non-resource request)'`],
    [`NOT (${isAbsentOrNull('kap_ref_json')} OR ${isObject('kap_ref_json')})`, `concat('objectRef must be an object, got ', ${describe('kap_ref_json')})`],
    ...refFields.map((f) => mustBeString(`kap_ref_${f}_json`, `objectRef.${f}`)),
  ];
  // A body's size with its key, as the reader measures it (the bytes of `"key":value,`), 0 when
  // absent or null. ClickHouse gives a member's value re-serialised; when the event is compact JSON
  // whose re-serialisation has its length, that is the raw length. Otherwise (an escape such as Go's
  // \u0026, spaces) the raw text is found by key and used when it is the same value.
  const bodyBytes = (key: string, name: string): [string, string][] => {
    const [v, found] = [`kap_${key}_json`, `kap_${key}_found`];
    return [
      [found, `if(${isAbsentOrNull(v)} OR kap_compact, '', simpleJSONExtractRaw(${json}, ${sqlString(key)}))`],
      [name, `if(${isAbsentOrNull(v)}, 0, ${key.length + 4} + if(${found} = '' OR JSONExtractRaw(${found}) != ${v}, length(${v}), length(${found})))`],
    ];
  };
  return [
    ['kap_members', membersOf(json)],
    ['kap_valid', isJson(json, 'kap_members')],
    ['kap_is_object', isJsonObject(json, 'kap_members')],
    ['kap_document', `JSONExtractRaw(${json})`],
    ['kap_kind', m('kind')],
    ['kap_event_api_version', m('apiVersion')],
    ['kap_verb_json', m('verb')],
    ['kap_user_json', m('user')],
    ['kap_uri_json', m('requestURI')],
    ['kap_ref_json', m('objectRef')],
    ['kap_audit_id_json', m('auditID')],
    ['kap_stage_json', m('stage')],
    ['kap_level_json', m('level')],
    ['kap_requestObject_json', m('requestObject')],
    ['kap_responseObject_json', m('responseObject')],
    ['kap_user_members', `if(${isObject('kap_user_json')}, ${membersOf('kap_user_json')}, ${NO_MEMBERS})`],
    ['kap_username_json', member('kap_user_members', 'username')],
    ['kap_groups_json', member('kap_user_members', 'groups')],
    ['kap_group_items', `if(${isArray('kap_groups_json')}, JSONExtractArrayRaw(kap_groups_json), CAST([] AS Array(String)))`],
    ['kap_bad_group', `arrayFirstIndex(g -> NOT ${isString('g')}, kap_group_items)`],
    [EVENT.user, optionalString('kap_username_json')],
    [EVENT.groups, `arrayMap(g -> ${decoded('g')}, kap_group_items)`],
    // An unauthenticated request is audited with an empty user object: no user.
    [EVENT.hasUser, `${isObject('kap_user_json')} AND NOT (${EVENT.user} = '' AND empty(${EVENT.groups}))`],
    [EVENT.verb, optionalString('kap_verb_json')],
    ['kap_uri', optionalString('kap_uri_json')],
    [EVENT.isResource, `NOT ${isAbsentOrNull('kap_ref_json')}`],
    ['kap_ref_members', `if(${isObject('kap_ref_json')}, ${membersOf('kap_ref_json')}, ${NO_MEMBERS})`],
    ...refFields.map((f): [string, string] => [`kap_ref_${f}_json`, ref(f)]),
    ['kap_ref_api_version', optionalString('kap_ref_apiVersion_json')],
    // audit.k8s.io/v1alpha1 wrote group and version together in objectRef.apiVersion ("apps/v1").
    [
      EVENT.apiGroup,
      `if(${isStringValue('kap_event_api_version', 'audit.k8s.io/v1alpha1')}, ` +
        `if(position(kap_ref_api_version, '/') = 0, '', arrayStringConcat(arrayPopBack(splitByChar('/', kap_ref_api_version)), '/')), ` +
        `${optionalString('kap_ref_apiGroup_json')})`,
    ],
    [EVENT.namespace, optionalString('kap_ref_namespace_json')],
    [EVENT.resource, optionalString('kap_ref_resource_json')],
    [EVENT.subresource, optionalString('kap_ref_subresource_json')],
    [EVENT.name, optionalString('kap_ref_name_json')],
    ['kap_path_uri', `if(${EVENT.isResource}, '', kap_uri)`],
    ...pathDefinitions(EVENT.path, 'kap_path_uri'),
    // Every check is computed for every row and the first failing one picked; only its message is
    // computed lazily (rows that fail are few). A check evaluated lazily, after the ones before it,
    // could make ClickHouse compute the columns it reads again for it.
    ['kap_check', `indexOf([\n    ${checks.map(([c]) => c).join(',\n    ')}\n  ], true)`],
    ['kap_event_error', `if(kap_check = 0, '', multiIf(${checks.map(([, e], i) => `kap_check = ${i + 1}, ${e}`).join(',\n    ')},\n    ''))`],
    [EVENT.error, `multiIf(${recordError} != '', ${recordError}, kap_event_error = '', '', concat(${errorPrefix}, kap_event_error))`],
    // A record that holds no Event has no audit ID either.
    [EVENT.auditId, `if(${recordError} != '', '', ${optionalString('kap_audit_id_json')})`],
    [EVENT.stage, codeOf(STAGES, optionalString('kap_stage_json'))],
    [EVENT.recordedLevel, codeOf(LEVELS, optionalString('kap_level_json'))],
    [EVENT.bytes, `toInt64(length(${json}))`],
    ['kap_compact', `length(${json}) = 1 + arraySum(x -> length(x.1) + length(x.2) + 4, kap_members)`],
    ...bodyBytes('requestObject', EVENT.requestBodyBytes),
    ...bodyBytes('responseObject', EVENT.responseBodyBytes),
  ];
}
