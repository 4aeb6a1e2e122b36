;; The structure of serialized JSON, 16 bytes at a time (WebAssembly SIMD): where a string, a value
;; or a container ends, and one audit Event's top-level walk (the value range of each known key);
;; and a tally of walked events by their raw key, so that a line whose raw key was seen before is
;; counted without leaving the module.
;; Compiled by scripts/wasm/generate.ts into jsonStructureWasm.ts; jsonStructure.ts (the structure)
;; and eventTally.ts (the tally) are its users and hold the memory layout below in TypeScript too.
;;
;; What is checked is structure, not grammar: strings are terminated and hold no raw control
;; character, brackets match (up to MAX_DEPTH deep), objects are "key": value pairs separated by
;; commas. Whatever fails returns -1, and the caller leaves the bytes to JSON.parse.
;;
;; Memory layout (byte offsets):
;;   0     slot starts, i32 per slot (-1 = key absent)
;;   128   slot ends, i32 per slot
;;   256   known keys, 32 bytes each: the key's bytes zero-padded (16), length, slot, child context
;;         (-1 = none; an object value of the key is walked for that context's keys)
;;   1024  contexts, 144 bytes each: per key length 0-16 the context's keys of that length (their
;;         first known key and how many), then all its keys (the same pair); keys are stored
;;         grouped by length
;;   2048  bracket stack (MAX_DEPTH bytes)
;;   2560  raw key recipe: number of entries, then 8 bytes each: slot, flags (WALKED: an object
;;         value counts as walked, its children have entries; CUT_QUERY: up to the first "?")
;;   3072  where the last raw key is: offset, size in bytes
;;   3080  the tally's state, i32s: records, whether to sum, raw keys remembered, arena bytes used,
;;         the last raw key's hash, the line the last `lines` call stopped after, why it stopped,
;;         where the event it stopped at ends (UNKNOWN)
;;   3200  code tables (stage, level): per table (CODE_TABLE bytes) its slot, the code of a value
;;         that is none of its values, how many values, then per value (CODE_VALUE bytes) its
;;         serialized bytes zero-padded (32) and their length
;;   3840  bodies (request, response): per body its slot and the bytes its key adds (`,"key":`)
;;   4096  sums: (record code, stage, level) + 1 and the index of its record, 8 bytes per slot
;;   SUMS + SUM_BYTES  records: FIELDS i32s each (code, position, stage, level, bytes, request
;;         body, response body, events)
;;   TABLE  raw keys remembered: per slot (16 bytes) hash + 1 (0 = empty), where the key is in
;;         the arena, its size, its id
;;   SCRATCH  the table's slots while it doubles
;;   ARENA  the raw keys remembered, one after another
;;   INPUT  the bytes scanned, followed by at least 16 bytes of room (vector loads may read
;;         past the end; a byte found there is never taken for the input's); the caller places
;;         the input and says where the raw key goes (past every byte still to be scanned)
(module
  (memory (export "memory") 1)

  (global $SLOT_STARTS i32 (i32.const 0))
  (global $SLOT_ENDS i32 (i32.const 128))
  (global $KEYS i32 (i32.const 256))
  (global $CONTEXTS i32 (i32.const 1024))
  (global $STACK i32 (i32.const 2048))
  (global $MAX_DEPTH i32 (i32.const 512))
  (global $RECIPE i32 (i32.const 2560))
  (global $KEY_OUT i32 (i32.const 3072))
  (global $STATE i32 (i32.const 3080))
  (global $CODES i32 (i32.const 3200))
  (global $CODE_TABLE i32 (i32.const 304))
  (global $CODE_VALUE i32 (i32.const 48))
  (global $BODIES i32 (i32.const 3840))
  (global $SUMS i32 (i32.const 4096))
  (global $SUM_MASK i32 (i32.const 16383))
  (global $RECORDS i32 (i32.const 135168))
  (global $MAX_RECORDS i32 (i32.const 4096))
  (global $TABLE i32 (i32.const 266240))
  ;; The table starts small and doubles (a table larger than the keys in it misses the processor's
  ;; caches): its slots - 1, up to MAX_MASK; SCRATCH holds the old table while it doubles.
  (global $mask (mut i32) (i32.const 4095))
  (global $MAX_MASK i32 (i32.const 131071))
  (global $MAX_ENTRIES i32 (i32.const 65536))
  (global $SCRATCH i32 (i32.const 2363392))
  (global $ARENA i32 (i32.const 3411968))
  (global $ARENA_END i32 (i32.const 28577792))
  ;; Why `lines` stopped.
  (global $STOP_DONE i32 (i32.const 0))
  (global $STOP_FULL i32 (i32.const 1))
  (global $STOP_UNKNOWN i32 (i32.const 2))
  (global $STOP_LINE i32 (i32.const 3))
  ;; A code table's answer for an escaped string: JSON.parse must decide.
  (global $ESCAPED i32 (i32.const -2))
  ;; Set while `lines` walks: a walk then stops at a newline (only spaces between tokens could
  ;; hold one: strings may not). `lines` walks an event before it knows where its line ends, and
  ;; must neither take two lines for one nor walk a broken line into the lines after it.
  (global $oneLine (mut i32) (i32.const 0))
  ;; Recipe entry flags.
  (global $WALKED i32 (i32.const 1))
  (global $CUT_QUERY i32 (i32.const 2))

  (func $isSpace (param $c i32) (result i32)
    (i32.or
      (i32.or (i32.eq (local.get $c) (i32.const 32)) (i32.eq (local.get $c) (i32.const 10)))
      (i32.or (i32.eq (local.get $c) (i32.const 13)) (i32.eq (local.get $c) (i32.const 9)))))

  ;; Past the spaces at p; with $oneLine, not past a newline.
  (func $skipSpace (param $p i32) (param $e i32) (result i32)
    (local $c i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $e)))
        (local.set $c (i32.load8_u (local.get $p)))
        (br_if $done (i32.eqz (call $isSpace (local.get $c))))
        (br_if $done (i32.and (i32.eq (local.get $c) (i32.const 10)) (global.get $oneLine)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $next)))
    (local.get $p))

  ;; Index of the first byte in [p, e) that ends or interrupts a string (a quote, a backslash, a
  ;; control character), or -1.
  (func $stringStop (param $p i32) (param $e i32) (result i32)
    (local $v v128) (local $m i32)
    (loop $block
      (if (i32.ge_s (local.get $p) (local.get $e)) (then (return (i32.const -1))))
      (local.set $v (v128.load (local.get $p)))
      (local.set $m
        (i8x16.bitmask
          (v128.or
            (v128.or (i8x16.eq (local.get $v) (i8x16.splat (i32.const 34))) (i8x16.eq (local.get $v) (i8x16.splat (i32.const 92))))
            (i8x16.lt_u (local.get $v) (i8x16.splat (i32.const 32))))))
      (if (local.get $m)
        (then
          ;; Bits past e are of bytes that are not the input's.
          (local.set $p (i32.add (local.get $p) (i32.ctz (local.get $m))))
          (return (select (local.get $p) (i32.const -1) (i32.lt_s (local.get $p) (local.get $e))))))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (br $block))
    (unreachable))

  ;; Index after the string whose content starts at p (after its opening quote), or -1.
  (func $stringEnd (export "stringEnd") (param $p i32) (param $e i32) (result i32)
    (local $c i32)
    (loop $stop
      (local.set $p (call $stringStop (local.get $p) (local.get $e)))
      (if (i32.lt_s (local.get $p) (i32.const 0)) (then (return (i32.const -1))))
      (local.set $c (i32.load8_u (local.get $p)))
      (if (i32.eq (local.get $c) (i32.const 34)) (then (return (i32.add (local.get $p) (i32.const 1)))))
      (if (i32.lt_u (local.get $c) (i32.const 32)) (then (return (i32.const -1))))
      ;; A backslash: the byte after it is escaped, whatever it is.
      (local.set $p (i32.add (local.get $p) (i32.const 2)))
      (br $stop))
    (unreachable))

  ;; Index after the object or array that starts at p (its bracket), or -1. Each 16-byte block
  ;; gives the bits of the bytes that matter (quotes, backslashes, control characters, brackets),
  ;; and only those are visited, inside or outside a string.
  (func $containerEnd (export "containerEnd") (param $p i32) (param $e i32) (result i32)
    (local $v v128) (local $folded v128) (local $m i32) (local $i i32) (local $j i32) (local $c i32)
    (local $depth i32) (local $inString i32)
    (loop $block
      (if (i32.ge_s (local.get $p) (local.get $e)) (then (return (i32.const -1))))
      ;; "[", "]", "{" and "}" are 0x5b, 0x5d, 0x7b and 0x7d: with bit 0x20 set, 0x7b or 0x7d.
      (local.set $v (v128.load (local.get $p)))
      (local.set $folded (v128.or (local.get $v) (i8x16.splat (i32.const 0x20))))
      (local.set $m
        (i8x16.bitmask
          (v128.or
            (v128.or
              (v128.or (i8x16.eq (local.get $v) (i8x16.splat (i32.const 34))) (i8x16.eq (local.get $v) (i8x16.splat (i32.const 92))))
              (i8x16.lt_u (local.get $v) (i8x16.splat (i32.const 32))))
            (v128.or (i8x16.eq (local.get $folded) (i8x16.splat (i32.const 0x7b))) (i8x16.eq (local.get $folded) (i8x16.splat (i32.const 0x7d)))))))
      (block $blockDone
        (loop $bit
          (br_if $blockDone (i32.eqz (local.get $m)))
          (local.set $i (i32.ctz (local.get $m)))
          (local.set $m (i32.and (local.get $m) (i32.sub (local.get $m) (i32.const 1))))
          (local.set $j (i32.add (local.get $p) (local.get $i)))
          ;; Past e: the bytes are not the input's, and the container did not close in it.
          (if (i32.ge_s (local.get $j) (local.get $e)) (then (return (i32.const -1))))
          (local.set $c (i32.load8_u (local.get $j)))
          (if (local.get $inString)
            (then
              (if (i32.eq (local.get $c) (i32.const 34))
                (then
                  (local.set $inString (i32.const 0))
                  (br $bit)))
              (if (i32.eq (local.get $c) (i32.const 92))
                (then
                  ;; The byte after a backslash is escaped, whatever it is: its bit is dropped, or
                  ;; the next block starts after it.
                  (if (i32.eq (local.get $i) (i32.const 15))
                    (then
                      (local.set $p (i32.add (local.get $j) (i32.const 2)))
                      (br $block)))
                  (local.set $m (i32.and (local.get $m) (i32.xor (i32.shl (i32.const 2) (local.get $i)) (i32.const -1))))
                  (br $bit)))
              (if (i32.lt_u (local.get $c) (i32.const 32)) (then (return (i32.const -1))))
              (br $bit)))
          (if (i32.eq (local.get $c) (i32.const 34))
            (then
              (local.set $inString (i32.const 1))
              (br $bit)))
          ;; Outside strings, a backslash or control character is not structure (spaces are
          ;; allowed; anything else is left for JSON.parse to reject, as for other stray bytes).
          (if (i32.and (i32.eq (local.get $c) (i32.const 10)) (global.get $oneLine)) (then (return (i32.const -1))))
          (br_if $bit (i32.ne (i32.and (i32.or (local.get $c) (i32.const 0x20)) (i32.const 0xf9)) (i32.const 0x79)))
          (if (i32.eq (i32.or (local.get $c) (i32.const 0x20)) (i32.const 0x7b))
            (then
              (if (i32.eq (local.get $depth) (global.get $MAX_DEPTH)) (then (return (i32.const -1))))
              (i32.store8 (i32.add (global.get $STACK) (local.get $depth)) (local.get $c))
              (local.set $depth (i32.add (local.get $depth) (i32.const 1)))
              (br $bit)))
          ;; A closing bracket matches the opening one 2 below it.
          (if (i32.eqz (local.get $depth)) (then (return (i32.const -1))))
          (local.set $depth (i32.sub (local.get $depth) (i32.const 1)))
          (if (i32.ne (i32.load8_u (i32.add (global.get $STACK) (local.get $depth))) (i32.sub (local.get $c) (i32.const 2)))
            (then (return (i32.const -1))))
          (if (i32.eqz (local.get $depth)) (then (return (i32.add (local.get $j) (i32.const 1)))))
          (br $bit)))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (br $block))
    (unreachable))

  ;; Whether the word w (at p) begins the bytes at p; `length` of them must lie before e.
  (func $literal (param $p i32) (param $e i32) (param $w i32) (param $length i32) (result i32)
    (i32.and
      (i32.le_s (i32.add (local.get $p) (local.get $length)) (local.get $e))
      (i32.eq (i32.load (local.get $p)) (local.get $w))))

  ;; Index after the value that starts at p, or -1. Numbers are a run of their characters, not
  ;; their full grammar.
  (func $valueEnd (export "valueEnd") (param $p i32) (param $e i32) (result i32)
    (local $c i32) (local $i i32)
    (if (i32.ge_s (local.get $p) (local.get $e)) (then (return (i32.const -1))))
    (local.set $c (i32.load8_u (local.get $p)))
    (if (i32.eq (local.get $c) (i32.const 34)) (then (return (call $stringEnd (i32.add (local.get $p) (i32.const 1)) (local.get $e)))))
    (if (i32.eq (i32.or (local.get $c) (i32.const 0x20)) (i32.const 0x7b)) (then (return (call $containerEnd (local.get $p) (local.get $e)))))
    ;; "true", "null", "fals" + "e" as little-endian words.
    (if (call $literal (local.get $p) (local.get $e) (i32.const 0x65757274) (i32.const 4)) (then (return (i32.add (local.get $p) (i32.const 4)))))
    (if (call $literal (local.get $p) (local.get $e) (i32.const 0x6c6c756e) (i32.const 4)) (then (return (i32.add (local.get $p) (i32.const 4)))))
    (if (i32.and
          (call $literal (local.get $p) (local.get $e) (i32.const 0x736c6166) (i32.const 5))
          (i32.eq (i32.load8_u offset=4 (local.get $p)) (i32.const 101)))
      (then (return (i32.add (local.get $p) (i32.const 5)))))
    (local.set $i (local.get $p))
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $i) (local.get $e)))
        (local.set $c (i32.load8_u (local.get $i)))
        ;; 0-9 + - . e E
        (br_if $done
          (i32.eqz
            (i32.or
              (i32.lt_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 10))
              (i32.or
                (i32.or (i32.eq (local.get $c) (i32.const 43)) (i32.eq (local.get $c) (i32.const 45)))
                (i32.or (i32.eq (local.get $c) (i32.const 46)) (i32.eq (i32.or (local.get $c) (i32.const 0x20)) (i32.const 101)))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (if (result i32) (i32.eq (local.get $i) (local.get $p)) (then (i32.const -1)) (else (local.get $i))))

  ;; The known key of a context that the key at ks (length bytes, no escapes) is, or -1.
  (func $knownKey (param $context i32) (param $ks i32) (param $length i32) (result i32)
    (local $key v128) (local $k i32) (local $last i32) (local $at i32)
    (if (i32.gt_u (local.get $length) (i32.const 16)) (then (return (i32.const -1))))
    ;; The key's bytes, zero-padded as the table holds them.
    (local.set $key
      (v128.and
        (v128.load (local.get $ks))
        (i8x16.lt_u (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15) (i8x16.splat (local.get $length)))))
    (local.set $at (i32.add (i32.add (global.get $CONTEXTS) (i32.mul (local.get $context) (i32.const 144))) (i32.shl (local.get $length) (i32.const 3))))
    (local.set $k (i32.load (local.get $at)))
    (local.set $last (i32.add (local.get $k) (i32.load offset=4 (local.get $at))))
    (block $none
      (loop $next
        (br_if $none (i32.ge_u (local.get $k) (local.get $last)))
        (local.set $at (i32.add (global.get $KEYS) (i32.shl (local.get $k) (i32.const 5))))
        (if (i8x16.all_true (i8x16.eq (v128.load (local.get $at)) (local.get $key)))
          (then (return (local.get $k))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $next)))
    (i32.const -1))

  ;; Marks every slot of a context's keys absent.
  (func $clearSlots (param $context i32)
    (local $k i32) (local $last i32) (local $at i32)
    (local.set $at (i32.add (global.get $CONTEXTS) (i32.add (i32.mul (local.get $context) (i32.const 144)) (i32.const 136))))
    (local.set $k (i32.load (local.get $at)))
    (local.set $last (i32.add (local.get $k) (i32.load offset=4 (local.get $at))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $k) (local.get $last)))
        (i32.store
          (i32.add (global.get $SLOT_STARTS) (i32.shl (i32.load offset=20 (i32.add (global.get $KEYS) (i32.shl (local.get $k) (i32.const 5)))) (i32.const 2)))
          (i32.const -1))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $next))))

  ;; The value of a known key ends at e: records it in the key's slot.
  (func $record (param $slot i32) (param $s i32) (param $e i32)
    (if (i32.ge_s (local.get $slot) (i32.const 0))
      (then
        (i32.store (i32.add (global.get $SLOT_STARTS) (i32.shl (local.get $slot) (i32.const 2))) (local.get $s))
        (i32.store (i32.add (global.get $SLOT_ENDS) (i32.shl (local.get $slot) (i32.const 2))) (local.get $e)))))

  ;; Index of the quote that closes the key whose bytes start at p, or -1 when an escape, a
  ;; control character or e comes first (escaped keys are left to JSON.parse).
  (func $keyEnd (param $p i32) (param $e i32) (result i32)
    (local.set $p (call $stringStop (local.get $p) (local.get $e)))
    (if (i32.lt_s (local.get $p) (i32.const 0)) (then (return (i32.const -1))))
    (select (local.get $p) (i32.const -1) (i32.eq (i32.load8_u (local.get $p)) (i32.const 34))))

  ;; Walks the object at p (after spaces), recording the value range of each of the context's keys
  ;; (a repeated key: the last one, as JSON.parse keeps); index after its "}", or -1. Keys with an
  ;; escape are declined.
  ;;
  ;; Member by member: a key (its end found 16 bytes at a time), ":", a value skipped by what its
  ;; first byte says (a string by stringEnd, an object or array by containerEnd, a literal by
  ;; valueEnd, an object of a key with a child context by walking it), then "," or "}"; spaces
  ;; allowed around each. Whether a space follows is asked of the byte at p even when p = e (the
  ;; room past the input is readable); what is found there is only used once p < e is checked.
  (func $object (param $context i32) (param $p i32) (param $e i32) (result i32)
    (local $c i32) (local $ks i32) (local $vs i32) (local $k i32) (local $slot i32) (local $child i32)
    (local.set $p (call $skipSpace (local.get $p) (local.get $e)))
    (if (i32.or (i32.ge_s (local.get $p) (local.get $e)) (i32.ne (i32.load8_u (local.get $p)) (i32.const 123)))
      (then (return (i32.const -1))))
    (local.set $p (i32.add (local.get $p) (i32.const 1)))
    (if (i32.le_u (i32.load8_u (local.get $p)) (i32.const 32)) (then (local.set $p (call $skipSpace (local.get $p) (local.get $e)))))
    (if (i32.ge_s (local.get $p) (local.get $e)) (then (return (i32.const -1))))
    (if (i32.eq (i32.load8_u (local.get $p)) (i32.const 125)) (then (return (i32.add (local.get $p) (i32.const 1)))))
    (loop $member
      ;; At p (before e): a key's opening quote.
      (if (i32.ne (i32.load8_u (local.get $p)) (i32.const 34)) (then (return (i32.const -1))))
      (local.set $ks (i32.add (local.get $p) (i32.const 1)))
      (local.set $p (call $keyEnd (local.get $ks) (local.get $e)))
      (if (i32.lt_s (local.get $p) (i32.const 0)) (then (return (i32.const -1))))
      (local.set $k (call $knownKey (local.get $context) (local.get $ks) (i32.sub (local.get $p) (local.get $ks))))
      (local.set $slot (i32.const -1))
      (local.set $child (i32.const -1))
      (if (i32.ge_s (local.get $k) (i32.const 0))
        (then
          (local.set $slot (i32.load offset=20 (i32.add (global.get $KEYS) (i32.shl (local.get $k) (i32.const 5)))))
          (local.set $child (i32.load offset=24 (i32.add (global.get $KEYS) (i32.shl (local.get $k) (i32.const 5)))))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (if (i32.le_u (i32.load8_u (local.get $p)) (i32.const 32)) (then (local.set $p (call $skipSpace (local.get $p) (local.get $e)))))
      (if (i32.or (i32.ge_s (local.get $p) (local.get $e)) (i32.ne (i32.load8_u (local.get $p)) (i32.const 58)))
        (then (return (i32.const -1))))
      (local.set $vs (i32.add (local.get $p) (i32.const 1)))
      (if (i32.le_u (i32.load8_u (local.get $vs)) (i32.const 32)) (then (local.set $vs (call $skipSpace (local.get $vs) (local.get $e)))))
      (if (i32.ge_s (local.get $vs) (local.get $e)) (then (return (i32.const -1))))
      ;; The children's slots are of the last value of the key, as JSON.parse keeps it: cleared,
      ;; then walked for if it is an object.
      (if (i32.ge_s (local.get $child) (i32.const 0)) (then (call $clearSlots (local.get $child))))
      (local.set $c (i32.load8_u (local.get $vs)))
      (if (i32.eq (local.get $c) (i32.const 34))
        (then (local.set $p (call $stringEnd (i32.add (local.get $vs) (i32.const 1)) (local.get $e))))
        (else
          (if (i32.and (i32.ge_s (local.get $child) (i32.const 0)) (i32.eq (local.get $c) (i32.const 123)))
            (then (local.set $p (call $object (local.get $child) (local.get $vs) (local.get $e))))
            (else (local.set $p (call $valueEnd (local.get $vs) (local.get $e)))))))
      (if (i32.lt_s (local.get $p) (i32.const 0)) (then (return (i32.const -1))))
      (call $record (local.get $slot) (local.get $vs) (local.get $p))
      (if (i32.le_u (i32.load8_u (local.get $p)) (i32.const 32)) (then (local.set $p (call $skipSpace (local.get $p) (local.get $e)))))
      (if (i32.ge_s (local.get $p) (local.get $e)) (then (return (i32.const -1))))
      (local.set $c (i32.load8_u (local.get $p)))
      (if (i32.eq (local.get $c) (i32.const 125)) (then (return (i32.add (local.get $p) (i32.const 1)))))
      (if (i32.ne (local.get $c) (i32.const 44)) (then (return (i32.const -1))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (if (i32.le_u (i32.load8_u (local.get $p)) (i32.const 32)) (then (local.set $p (call $skipSpace (local.get $p) (local.get $e)))))
      (if (i32.ge_s (local.get $p) (local.get $e)) (then (return (i32.const -1))))
      (br $member))
    (unreachable))

  ;; Index of the first "?" in [p, e), or e.
  (func $query (param $p i32) (param $e i32) (result i32)
    (local $m i32)
    (loop $block
      (if (i32.ge_s (local.get $p) (local.get $e)) (then (return (local.get $e))))
      (local.set $m (i8x16.bitmask (i8x16.eq (v128.load (local.get $p)) (i8x16.splat (i32.const 63)))))
      (if (local.get $m)
        (then
          (local.set $p (i32.add (local.get $p) (i32.ctz (local.get $m))))
          (return (select (local.get $p) (local.get $e) (i32.lt_s (local.get $p) (local.get $e))))))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (br $block))
    (unreachable))

  ;; Writes the raw key of the slots (RECIPE) at `out`, as a JSON array with an entry per recipe
  ;; entry: 0 for an absent value, 1 for an object walked for its children (which have entries of
  ;; their own), [value] for a present one, its bytes as they are; padded with spaces to a
  ;; multiple of 16 bytes. A CUT_QUERY entry's string ends at its first "?" (a query varies per
  ;; request, the path decides; a "?" first stays, or the value would read as empty) when no
  ;; escape comes before it, so the key stays JSON. Every value
  ;; is one whole value (the walk checked its structure), so equal keys are equal values. Stores
  ;; its place at KEY_OUT and returns a hash of it (30 bits): FNV-1a-style in four lanes 16 bytes
  ;; at a time (a word at a time, each step waited for the multiply before it), folded and mixed.
  (func $rawKey (param $out i32) (result i32)
    (local $o i32) (local $k i32) (local $n i32) (local $slot i32) (local $flags i32) (local $s i32) (local $e i32) (local $q i32) (local $h i32)
    (local $v v128)
    (i32.store8 (local.get $out) (i32.const 91))
    (local.set $o (i32.add (local.get $out) (i32.const 1)))
    (local.set $n (i32.load (global.get $RECIPE)))
    (block $done
      (loop $entry
        (br_if $done (i32.ge_u (local.get $k) (local.get $n)))
        (if (local.get $k)
          (then
            (i32.store8 (local.get $o) (i32.const 44))
            (local.set $o (i32.add (local.get $o) (i32.const 1)))))
        (local.set $slot (i32.load offset=4 (i32.add (global.get $RECIPE) (i32.shl (local.get $k) (i32.const 3)))))
        (local.set $flags (i32.load offset=8 (i32.add (global.get $RECIPE) (i32.shl (local.get $k) (i32.const 3)))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (local.set $s (i32.load (i32.add (global.get $SLOT_STARTS) (i32.shl (local.get $slot) (i32.const 2)))))
        (if (i32.lt_s (local.get $s) (i32.const 0))
          (then
            (i32.store8 (local.get $o) (i32.const 48))
            (local.set $o (i32.add (local.get $o) (i32.const 1)))
            (br $entry)))
        (if (i32.and
              (i32.ne (i32.and (local.get $flags) (global.get $WALKED)) (i32.const 0))
              (i32.eq (i32.load8_u (local.get $s)) (i32.const 123)))
          (then
            (i32.store8 (local.get $o) (i32.const 49))
            (local.set $o (i32.add (local.get $o) (i32.const 1)))
            (br $entry)))
        (local.set $e (i32.load (i32.add (global.get $SLOT_ENDS) (i32.shl (local.get $slot) (i32.const 2)))))
        (local.set $q (local.get $e))
        (if (i32.and
              (i32.ne (i32.and (local.get $flags) (global.get $CUT_QUERY)) (i32.const 0))
              (i32.eq (i32.load8_u (local.get $s)) (i32.const 34)))
          (then
            (local.set $q (call $query (local.get $s) (local.get $e)))
            ;; An escape before the "?": the value is kept whole.
            (if (i32.lt_s (local.get $q) (local.get $e))
              (then
                (if (i32.ge_s (call $stringStop (i32.add (local.get $s) (i32.const 1)) (local.get $q)) (i32.const 0))
                  (then (local.set $q (local.get $e))))))
            ;; A "?" first stays: "?x" cut to "" would read as no requestURI at all.
            (if (i32.eq (local.get $q) (i32.add (local.get $s) (i32.const 1))) (then (local.set $q (i32.add (local.get $q) (i32.const 1)))))))
        (i32.store8 (local.get $o) (i32.const 91))
        (memory.copy (i32.add (local.get $o) (i32.const 1)) (local.get $s) (i32.sub (local.get $q) (local.get $s)))
        (local.set $o (i32.add (local.get $o) (i32.add (i32.const 1) (i32.sub (local.get $q) (local.get $s)))))
        (if (i32.lt_s (local.get $q) (local.get $e))
          (then
            (i32.store8 (local.get $o) (i32.const 34))
            (local.set $o (i32.add (local.get $o) (i32.const 1)))))
        (i32.store8 (local.get $o) (i32.const 93))
        (local.set $o (i32.add (local.get $o) (i32.const 1)))
        (br $entry)))
    (i32.store8 (local.get $o) (i32.const 93))
    (local.set $o (i32.add (local.get $o) (i32.const 1)))
    (v128.store (local.get $o) (i8x16.splat (i32.const 32)))
    (local.set $o (i32.add (local.get $out) (i32.and (i32.add (i32.sub (local.get $o) (local.get $out)) (i32.const 15)) (i32.const -16))))
    (i32.store (global.get $KEY_OUT) (local.get $out))
    (i32.store offset=4 (global.get $KEY_OUT) (i32.sub (local.get $o) (local.get $out)))
    (local.set $v (v128.const i32x4 0x811c9dc5 0x050c5d1f 0x1b873593 0x7feb352d))
    (block $hashed
      (loop $block
        (br_if $hashed (i32.ge_u (local.get $out) (local.get $o)))
        (local.set $v (i32x4.mul (v128.xor (local.get $v) (v128.load (local.get $out))) (i32x4.splat (i32.const 16777619))))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br $block)))
    (local.set $h
      (i32.xor
        (i32.xor (i32x4.extract_lane 0 (local.get $v)) (i32.rotl (i32x4.extract_lane 1 (local.get $v)) (i32.const 8)))
        (i32.xor (i32.rotl (i32x4.extract_lane 2 (local.get $v)) (i32.const 16)) (i32.rotl (i32x4.extract_lane 3 (local.get $v)) (i32.const 24)))))
    ;; murmur3's finalizer: every bit of the lanes reaches the low bits a table indexes by.
    (local.set $h (i32.mul (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16))) (i32.const 0x85ebca6b)))
    (local.set $h (i32.mul (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 13))) (i32.const 0xc2b2ae35)))
    (i32.and (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16))) (i32.const 0x3fffffff)))

  ;; Walks the object in [s, e) (spaces around it allowed) for context 0's keys, after marking
  ;; `slots` slots absent. When it is exactly one well-formed object: writes its raw key at `out`
  ;; (a word boundary) and returns its hash (also kept in STATE for lookup and remember); else -1.
  (func $scanEvent (export "scanEvent") (param $s i32) (param $e i32) (param $slots i32) (param $out i32) (result i32)
    (local $p i32)
    (local.set $p (call $walk (local.get $s) (local.get $e) (local.get $slots)))
    (if (i32.lt_s (local.get $p) (i32.const 0)) (then (return (i32.const -1))))
    (if (i32.ne (call $skipSpace (local.get $p) (local.get $e)) (local.get $e)) (then (return (i32.const -1))))
    (call $keyOf (local.get $out)))

  ;; The object at s (spaces before it allowed) walked for context 0's keys after marking `slots`
  ;; slots absent: the index after it, or -1.
  (func $walk (param $s i32) (param $e i32) (param $slots i32) (result i32)
    (memory.fill (global.get $SLOT_STARTS) (i32.const 0xff) (i32.shl (local.get $slots) (i32.const 2)))
    (call $object (i32.const 0) (local.get $s) (local.get $e)))

  ;; The walked object's raw key written at `out`: its hash, also kept in STATE.
  (func $keyOf (param $out i32) (result i32)
    (local $h i32)
    (local.set $h (call $rawKey (local.get $out)))
    (i32.store offset=16 (global.get $STATE) (local.get $h))
    (local.get $h))

  ;; ---- The tally: raw keys remembered with the id the caller gave them, events summed into
  ;; records. A line's event whose raw key is remembered is counted here without the caller.

  ;; Whether the n bytes at a and b are equal (n a multiple of 16).
  (func $sameBlocks (param $a i32) (param $b i32) (param $n i32) (result i32)
    (block $differ
      (loop $block
        (if (i32.le_s (local.get $n) (i32.const 0)) (then (return (i32.const 1))))
        (br_if $differ (i32.eqz (i8x16.all_true (i8x16.eq (v128.load (local.get $a)) (v128.load (local.get $b))))))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $b (i32.add (local.get $b) (i32.const 16)))
        (local.set $n (i32.sub (local.get $n) (i32.const 16)))
        (br $block)))
    (i32.const 0))

  ;; The id remembered for the last scanned event's raw key, or -1.
  (func $lookup (export "lookup") (result i32)
    (local $hash i32) (local $at i32) (local $size i32) (local $i i32) (local $o i32) (local $h i32)
    (local.set $hash (i32.add (i32.load offset=16 (global.get $STATE)) (i32.const 1)))
    (local.set $at (i32.load (global.get $KEY_OUT)))
    (local.set $size (i32.load offset=4 (global.get $KEY_OUT)))
    (local.set $i (local.get $hash))
    (loop $probe
      (local.set $i (i32.and (local.get $i) (global.get $mask)))
      (local.set $o (i32.add (global.get $TABLE) (i32.shl (local.get $i) (i32.const 4))))
      (local.set $h (i32.load (local.get $o)))
      (if (i32.eqz (local.get $h)) (then (return (i32.const -1))))
      (if (i32.and (i32.eq (local.get $h) (local.get $hash)) (i32.eq (i32.load offset=8 (local.get $o)) (local.get $size)))
        (then
          (if (call $sameBlocks (i32.load offset=4 (local.get $o)) (local.get $at) (local.get $size))
            (then (return (i32.load offset=12 (local.get $o)))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $probe))
    (unreachable))

;; Puts a raw key (hash + 1, where it is in the arena, its size, its id) in a free slot.
  (func $place (param $h i32) (param $at i32) (param $size i32) (param $id i32)
    (local $i i32) (local $o i32)
    (local.set $i (local.get $h))
    (loop $probe
      (local.set $o (i32.add (global.get $TABLE) (i32.shl (i32.and (local.get $i) (global.get $mask)) (i32.const 4))))
      (if (i32.load (local.get $o))
        (then
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $probe))))
    (i32.store (local.get $o) (local.get $h))
    (i32.store offset=4 (local.get $o) (local.get $at))
    (i32.store offset=8 (local.get $o) (local.get $size))
    (i32.store offset=12 (local.get $o) (local.get $id)))

  ;; Doubles the table: its slots go to SCRATCH, and back in at their new places.
  (func $grow
    (local $o i32) (local $end i32)
    (local.set $end (i32.add (global.get $SCRATCH) (i32.shl (i32.add (global.get $mask) (i32.const 1)) (i32.const 4))))
    (memory.copy (global.get $SCRATCH) (global.get $TABLE) (i32.sub (local.get $end) (global.get $SCRATCH)))
    (global.set $mask (i32.add (i32.shl (global.get $mask) (i32.const 1)) (i32.const 1)))
    (memory.fill (global.get $TABLE) (i32.const 0) (i32.shl (i32.add (global.get $mask) (i32.const 1)) (i32.const 4)))
    (local.set $o (global.get $SCRATCH))
    (block $done
      (loop $slot
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (if (i32.load (local.get $o))
          (then (call $place (i32.load (local.get $o)) (i32.load offset=4 (local.get $o)) (i32.load offset=8 (local.get $o)) (i32.load offset=12 (local.get $o)))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $slot))))

  ;; Remembers the last scanned event's raw key as `id` (after a lookup that found none). When the
  ;; table or the arena is full it starts over: remembering only saves time.
  (func (export "remember") (param $id i32)
    (local $at i32) (local $size i32) (local $used i32) (local $entries i32)
    (local.set $at (i32.load (global.get $KEY_OUT)))
    (local.set $size (i32.load offset=4 (global.get $KEY_OUT)))
    ;; A key too large to keep many of is not kept.
    (if (i32.gt_u (local.get $size) (i32.shr_u (i32.sub (global.get $ARENA_END) (global.get $ARENA)) (i32.const 4))) (then (return)))
    (local.set $used (i32.add (global.get $ARENA) (i32.load offset=12 (global.get $STATE))))
    (local.set $entries (i32.load offset=8 (global.get $STATE)))
    (if (i32.or
          (i32.ge_u (local.get $entries) (global.get $MAX_ENTRIES))
          (i32.gt_u (i32.add (local.get $used) (local.get $size)) (global.get $ARENA_END)))
      (then
        (memory.fill (global.get $TABLE) (i32.const 0) (i32.shl (i32.add (global.get $mask) (i32.const 1)) (i32.const 4)))
        (local.set $entries (i32.const 0))
        (local.set $used (global.get $ARENA))))
    ;; At most half full.
    (if (i32.and
          (i32.ge_u (i32.shl (local.get $entries) (i32.const 1)) (global.get $mask))
          (i32.lt_u (global.get $mask) (global.get $MAX_MASK)))
      (then (call $grow)))
    (memory.copy (local.get $used) (local.get $at) (local.get $size))
    (call $place (i32.add (i32.load offset=16 (global.get $STATE)) (i32.const 1)) (local.get $used) (local.get $size) (local.get $id))
    (i32.store offset=8 (global.get $STATE) (i32.add (local.get $entries) (i32.const 1)))
    (i32.store offset=12 (global.get $STATE) (i32.sub (i32.add (local.get $used) (local.get $size)) (global.get $ARENA))))

    ;; Whether the first n bytes (0-16) at a and b are equal.
  (func $samePrefix (param $a i32) (param $b i32) (param $n i32) (result i32)
    (i8x16.all_true
      (v128.or
        (i8x16.eq (v128.load (local.get $a)) (v128.load (local.get $b)))
        (i8x16.ge_u (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15) (i8x16.splat (local.get $n))))))

  ;; The code of the last scanned event's value in code table t: the index of the value it is, the
  ;; table's unknown code for anything else (absent included), ESCAPED for a string with an escape.
  (func $code (export "code") (param $t i32) (result i32)
    (local $table i32) (local $slot i32) (local $s i32) (local $n i32) (local $v i32) (local $count i32) (local $at i32)
    (local.set $table (i32.add (global.get $CODES) (i32.mul (local.get $t) (global.get $CODE_TABLE))))
    (local.set $slot (i32.shl (i32.load (local.get $table)) (i32.const 2)))
    (local.set $s (i32.load (i32.add (global.get $SLOT_STARTS) (local.get $slot))))
    (if (i32.lt_s (local.get $s) (i32.const 0)) (then (return (i32.load offset=4 (local.get $table)))))
    (local.set $n (i32.sub (i32.load (i32.add (global.get $SLOT_ENDS) (local.get $slot))) (local.get $s)))
    (local.set $count (i32.load offset=8 (local.get $table)))
    (block $none
      (loop $value
        (br_if $none (i32.ge_u (local.get $v) (local.get $count)))
        (local.set $at (i32.add (i32.add (local.get $table) (i32.const 16)) (i32.mul (local.get $v) (global.get $CODE_VALUE))))
        (if (i32.eq (i32.load offset=32 (local.get $at)) (local.get $n))
          (then
            (if (i32.and
                  (call $samePrefix (local.get $s) (local.get $at) (select (local.get $n) (i32.const 16) (i32.lt_u (local.get $n) (i32.const 16))))
                  (call $samePrefix
                    (i32.add (local.get $s) (i32.const 16))
                    (i32.add (local.get $at) (i32.const 16))
                    (select (i32.sub (local.get $n) (i32.const 16)) (i32.const 0) (i32.gt_u (local.get $n) (i32.const 16)))))
              (then (return (local.get $v))))))
        (local.set $v (i32.add (local.get $v) (i32.const 1)))
        (br $value)))
    ;; A string's content has no raw quote, so its first stop, if any, is an escape.
    (if (i32.and
          (i32.eq (i32.load8_u (local.get $s)) (i32.const 34))
          (i32.ge_s (call $stringStop (i32.add (local.get $s) (i32.const 1)) (i32.sub (i32.add (local.get $s) (local.get $n)) (i32.const 1))) (i32.const 0)))
      (then (return (global.get $ESCAPED))))
    (i32.load offset=4 (local.get $table)))

  ;; The bytes body b of the last scanned event adds to it (key included), 0 when absent or null.
  (func $bodyBytes (export "bodyBytes") (param $b i32) (result i32)
    (local $slot i32) (local $s i32) (local $n i32)
    (local.set $slot (i32.shl (i32.load (i32.add (global.get $BODIES) (i32.shl (local.get $b) (i32.const 3)))) (i32.const 2)))
    (local.set $s (i32.load (i32.add (global.get $SLOT_STARTS) (local.get $slot))))
    (if (i32.lt_s (local.get $s) (i32.const 0)) (then (return (i32.const 0))))
    (local.set $n (i32.sub (i32.load (i32.add (global.get $SLOT_ENDS) (local.get $slot))) (local.get $s)))
    (if (i32.and (i32.eq (local.get $n) (i32.const 4)) (i32.eq (i32.load8_u (local.get $s)) (i32.const 110))) (then (return (i32.const 0))))
    (i32.add (local.get $n) (i32.load offset=4 (i32.add (global.get $BODIES) (i32.shl (local.get $b) (i32.const 3))))))

  ;; Appends a record, or (when summing, for a code >= 0) adds it to the record of the same code,
  ;; stage and level. The caller makes sure there is room (records < MAX_RECORDS).
  (func $append (export "append") (param $code i32) (param $position i32) (param $stage i32) (param $level i32)
    (param $bytes i32) (param $request i32) (param $response i32)
    (local $key i32) (local $i i32) (local $o i32) (local $k i32) (local $r i32) (local $records i32)
    (local.set $records (i32.load (global.get $STATE)))
    (if (i32.and (i32.load offset=4 (global.get $STATE)) (i32.ge_s (local.get $code) (i32.const 0)))
      (then
        (local.set $key (i32.add (i32.add (i32.mul (i32.add (i32.mul (local.get $code) (i32.const 5)) (local.get $stage)) (i32.const 5)) (local.get $level)) (i32.const 1)))
        (local.set $i (i32.shr_u (i32.mul (local.get $key) (i32.const 0x9e3779b1)) (i32.const 18)))
        (block $new
          (loop $probe
            (local.set $o (i32.add (global.get $SUMS) (i32.shl (local.get $i) (i32.const 3))))
            (local.set $k (i32.load (local.get $o)))
            (br_if $new (i32.eqz (local.get $k)))
            (if (i32.eq (local.get $k) (local.get $key))
              (then
                (local.set $r (i32.add (global.get $RECORDS) (i32.shl (i32.load offset=4 (local.get $o)) (i32.const 5))))
                (i32.store offset=16 (local.get $r) (i32.add (i32.load offset=16 (local.get $r)) (local.get $bytes)))
                (i32.store offset=20 (local.get $r) (i32.add (i32.load offset=20 (local.get $r)) (local.get $request)))
                (i32.store offset=24 (local.get $r) (i32.add (i32.load offset=24 (local.get $r)) (local.get $response)))
                (i32.store offset=28 (local.get $r) (i32.add (i32.load offset=28 (local.get $r)) (i32.const 1)))
                (return)))
            (local.set $i (i32.and (i32.add (local.get $i) (i32.const 1)) (global.get $SUM_MASK)))
            (br $probe)))
        (i32.store (local.get $o) (local.get $key))
        (i32.store offset=4 (local.get $o) (local.get $records))))
    (local.set $r (i32.add (global.get $RECORDS) (i32.shl (local.get $records) (i32.const 5))))
    (i32.store (local.get $r) (local.get $code))
    (i32.store offset=4 (local.get $r) (local.get $position))
    (i32.store offset=8 (local.get $r) (local.get $stage))
    (i32.store offset=12 (local.get $r) (local.get $level))
    (i32.store offset=16 (local.get $r) (local.get $bytes))
    (i32.store offset=20 (local.get $r) (local.get $request))
    (i32.store offset=24 (local.get $r) (local.get $response))
    (i32.store offset=28 (local.get $r) (i32.const 1))
    (i32.store (global.get $STATE) (i32.add (local.get $records) (i32.const 1))))

  ;; Counts the last scanned event (`bytes` long) as raw-key id `id`, with the given codes.
  (func $count (export "count") (param $id i32) (param $position i32) (param $stage i32) (param $level i32) (param $bytes i32)
    (call $append (local.get $id) (local.get $position) (local.get $stage) (local.get $level) (local.get $bytes)
      (call $bodyBytes (i32.const 0)) (call $bodyBytes (i32.const 1))))

  ;; Starts the next batch: no records, nothing to sum into.
  (func (export "clearRecords")
    (i32.store (global.get $STATE) (i32.const 0))
    (memory.fill (global.get $SUMS) (i32.const 0) (i32.shl (i32.add (global.get $SUM_MASK) (i32.const 1)) (i32.const 3))))

  ;; Counts the JSON lines from p (a line's start) to e (after a newline), the first being line
  ;; `line` + 1, while each is an event (an object of at most maxBytes, CR stripped) whose raw key
  ;; is remembered and whose codes need no decoding. Returns the start of the line it stopped
  ;; at, and stores in STATE the lines done and why it stopped: DONE (at e), FULL (no room for a
  ;; record), UNKNOWN (an event whose raw key is not remembered: its scan is the last one), LINE
  ;; (anything else: the caller reads that line its own way). The line stopped at is not done; for
  ;; UNKNOWN, STATE also holds where its event ends (its newline, or the CR before it).
  (func (export "lines") (param $p i32) (param $e i32) (param $line i32) (param $maxBytes i32) (param $slots i32) (param $out i32) (result i32)
    (local $nl i32) (local $end i32) (local $c i32) (local $id i32) (local $stage i32) (local $level i32) (local $why i32)
    (global.set $oneLine (i32.const 1))
    (block $stop
      (loop $next
        (local.set $why (global.get $STOP_DONE))
        (br_if $stop (i32.ge_s (local.get $p) (local.get $e)))
        (local.set $why (global.get $STOP_FULL))
        (br_if $stop (i32.ge_u (i32.load (global.get $STATE)) (global.get $MAX_RECORDS)))
        (local.set $why (global.get $STOP_LINE))
        (br_if $stop (i32.ne (i32.load8_u (local.get $p)) (i32.const 123)))
        ;; The event is walked first, within its line ($oneLine): where it ends, after spaces,
        ;; its line must end. The line's bytes are read once.
        (local.set $nl (call $walk (local.get $p) (local.get $e) (local.get $slots)))
        (br_if $stop (i32.lt_s (local.get $nl) (i32.const 0)))
        (block $spaced
          (loop $space
            (br_if $spaced (i32.ge_s (local.get $nl) (local.get $e)))
            (local.set $c (i32.load8_u (local.get $nl)))
            (br_if $spaced (i32.eqz (i32.or (i32.or (i32.eq (local.get $c) (i32.const 32)) (i32.eq (local.get $c) (i32.const 9))) (i32.eq (local.get $c) (i32.const 13)))))
            (local.set $nl (i32.add (local.get $nl) (i32.const 1)))
            (br $space)))
        (br_if $stop (i32.or (i32.ge_s (local.get $nl) (local.get $e)) (i32.ne (i32.load8_u (local.get $nl)) (i32.const 10))))
        ;; One CR before the newline belongs to the line's end: the caller strips it too.
        (local.set $end (local.get $nl))
        (if (i32.eq (i32.load8_u (i32.sub (local.get $end) (i32.const 1))) (i32.const 13))
          (then (local.set $end (i32.sub (local.get $end) (i32.const 1)))))
        (i32.store offset=28 (global.get $STATE) (local.get $end))
        (br_if $stop (i32.gt_s (i32.sub (local.get $end) (local.get $p)) (local.get $maxBytes)))
        (drop (call $keyOf (local.get $out)))
        (local.set $id (call $lookup))
        (local.set $why (global.get $STOP_UNKNOWN))
        (br_if $stop (i32.lt_s (local.get $id) (i32.const 0)))
        (local.set $stage (call $code (i32.const 0)))
        (local.set $level (call $code (i32.const 1)))
        (local.set $why (global.get $STOP_LINE))
        (br_if $stop (i32.or (i32.eq (local.get $stage) (global.get $ESCAPED)) (i32.eq (local.get $level) (global.get $ESCAPED))))
        (local.set $line (i32.add (local.get $line) (i32.const 1)))
        (call $count (local.get $id) (local.get $line) (local.get $stage) (local.get $level) (i32.sub (local.get $end) (local.get $p)))
        (local.set $p (i32.add (local.get $nl) (i32.const 1)))
        (br $next)))
    (global.set $oneLine (i32.const 0))
    (i32.store offset=20 (global.get $STATE) (local.get $line))
    (i32.store offset=24 (global.get $STATE) (local.get $why))
    (local.get $p))
)
