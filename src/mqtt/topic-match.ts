/**
 * True when `topic` matches the subscription `filter` (`+` one level, `#` the rest), as the broker
 * decides it (MQTT 5.0 §4.7). Wildcards at the first level never match topics starting with `$`.
 * @example topicMatches('auxio/+/relay/+/set', 'auxio/gate/relay/1/set') // true
 */
export function topicMatches(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  if (topic.startsWith('$') && (f[0] === '+' || f[0] === '#')) return false;
  for (let i = 0; i < f.length; i++) {
    const level = f[i];
    if (level === '#') return true;
    if (i >= t.length) return false;
    if (level !== '+' && level !== t[i]) return false;
  }
  return f.length === t.length;
}

/** True for a topic one may publish to: not empty, no wildcards, no NUL (MQTT 5.0 §4.7.3). */
export function isPublishTopic(topic: string): boolean {
  return topic.length > 0 && !/[+#\u0000]/.test(topic);
}
