/**
 * Phrases that tell what a call is about and whether a consult was booked. All patterns are written
 * for `matchForm` text (lower case, straight apostrophes). Numbers may be spelled out (scripts, TTS)
 * or digits (speech engines), so both are accepted.
 */

const DAY = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|today|tonight)';
const NUMBER_WORD = '(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon|[0-9]{1,2})';

/** A specific time or day: "Thursday", "tomorrow", "the eighteenth", "at ten fifteen", "3:30 pm". */
export const TIME_EXPRESSION = new RegExp(
  [
    `\\b${DAY}s?\\b`,
    `\\bat ${NUMBER_WORD}\\b`,
    '\\bthe (?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\\w+teenth|twentieth|twenty \\w+|thirtieth|thirty first|[0-9]{1,2}(?:st|nd|rd|th))\\b',
    '\\b[0-9]{1,2}(?::[0-9]{2})?\\s?(?:am|pm|a\\.m\\.|p\\.m\\.)',
    "\\bo'clock\\b",
  ].join('|'),
);

/** The agent stating a booking as done ("you're all set for", "I've moved you to", "booked for"). */
export const BOOKING_CONFIRMATION: readonly RegExp[] = [
  /\byou(?:'re| are) (?:all |now )?(?:set|booked|scheduled|confirmed|good to go|on the (?:books|schedule|calendar))\b/,
  /\b(?:i've|we've|i|we) (?:booked|scheduled|rescheduled|moved|put|confirmed|added|switched|changed) you\b/,
  /\b(?:i've|we've|i|we) got you (?:down |in )?(?:for|on)\b/,
  /\b(?:i'll|i will|let me) (?:put|book|schedule|get) you (?:down |in )?(?:for|on|at)\b/,
  /\b(?:booked|scheduled|confirmed) (?:you )?(?:for|on)\b/,
  // A clipped confirmation opening the sentence: "Booked, Thursday at one with Jasmine."
  /^(?:(?:great|perfect|awesome|okay|ok|done|alright|all right)\W+)*(?:all )?(?:booked|scheduled|confirmed)\b(?! (?:up|solid|out))/,
  // Also said when looking up an appointment the caller already had: `findBookingConfirmation`
  // discards a confirmation that only restates one.
  /\b(?:(?:i've|we've|i|we) )?(?:have|got|'ve got) you (?:down|in|booked|scheduled|penciled in) (?:for|on)\b/,
];

/** Words that undo or soften a confirmation in the same sentence. */
export const NOT_A_BOOKING = /\bcancel|\btentative|\bpencil|\bnot\b|\bno longer\b|\bif you (?:want|like|decide)\b|\bwould you\b|\bdo you want\b/;

/** After a confirmation: the caller takes it back, or the agent releases the slot. */
export const BOOKING_WITHDRAWN: readonly RegExp[] = [
  /\b(?:actually|wait|on second thought)\b[^.?!]*\b(?:cancel|hold off|never ?mind|don't book|not book|call (?:you )?back|check (?:with|my))\b/,
  /\bi(?:'ll| will)? (?:cancel|release|free up|take you off|remove)\b[^.?!]*\b(?:slot|appointment|time|booking|consult)/,
];

/** Voicemail greetings and prompts. */
export const VOICEMAIL: readonly RegExp[] = [
  /\bleave (?:me |us )?a message\b/,
  /\b(?:at|after) the (?:tone|beep)\b/,
  /\bpress (?:one|two|three|pound|star|[0-9])\b/,
  // The greeting or the system, not a caller mentioning one ("you left me a voicemail").
  /\b(?:voicemail|voice mail|mailbox)\b(?! (?:yesterday|earlier|this morning|last \w+|about|from you|saying))(?<!\b(?:left me|left|got|get|got your|received|your|a|my) (?:a )?(?:voicemail|voice mail|mailbox))|\bmailbox (?:is )?full\b/,
  /\byou(?:'ve| have) reached\b/,
  /\bcan't (?:get to|come to|answer) the phone\b/,
  /\bmessage (?:has been )?(?:sent|erased|recorded)\b/,
];

/** The agent placing an outbound call about a lead. */
export const OUTBOUND: readonly RegExp[] = [
  /\b(?:calling|reaching out) from\b/,
  /^(?:hi|hello|hey)?[,.]?\s*(?:is this|may i speak (?:with|to)|can i speak (?:with|to)) \w+/,
  /\byou (?:filled out|requested|downloaded|signed up|reached out|inquired|submitted|asked about|'d asked)\b/,
  /\b(?:follow(?:ing)? up|check(?:ing)? in) (?:on|about|with you|and see)\b/,
];

/** Why someone calls when it is not about a consult; the key names the intent. */
export const OTHER_TOPICS: Readonly<Record<string, readonly RegExp[]>> = {
  'wrong number': [/\bwrong number\b/, /\byou (?:might|may|must) have the wrong\b/, /\bis this not\b/, /\bi was (?:trying|looking) to (?:call|reach)\b/],
  'billing question': [
    /\b(?:charged|overcharged|double charged)\b/,
    /\b(?:billing|invoice|refund|receipt|statement)\b/,
    // A bill already incurred ("I got a bill for...", "a no show fee") is a billing call, not a price talk.
    /\b(?:got|received|get|getting|have) (?:a|this|the|my|an|another) (?:\w+ )?bill\b|\b(?:no show|missed appointment|late cancel\w*|cancellation) fee\b/,
    /\bcharge(?:s)? (?:on|twice|for)\b/,
    /\b(?:a|my|the|an outstanding|remaining|open) balance\b|\bpay (?:off )?(?:my|the|a|that) (?:balance|bill)\b|\bpay (?:it|that) (?:with|by|off|online)\b/,
  ],
  'parking or directions': [/\bpark(?:ing)?\b/, /\bgarage\b/, /\bdirections\b/, /\bwhere (?:are you|is the office) located\b/, /\bhow do i get (?:there|to you)\b/],
  'opening hours': [/\b(?:are|is) (?:you|the office|the clinic)(?: guys)? open\b/, /\b(?:your|the|office|business) hours\b/, /\bwhat time do you (?:open|close)\b/, /\bclosed (?:on|for)\b/],
  'aftercare question': [
    /\bis (?:that|this|it) normal\b/,
    /\bafter my (?:treatment|procedure|appointment|session|filler|botox|surgery|peel|laser)\b/,
    /\b(?:aftercare|after care|post[- ]?(?:op|care|treatment))\b/,
  ],
  'paperwork request': [/\b(?:a|the) (?:note|letter|form|paperwork)\b[^.?!]{0,40}\b(?:for|from|saying|to)\b/, /\bfax\b/, /\bwork note\b|\bdoctor's note\b/],
  'account question': [/\bhow many (?:\w+ )?(?:sessions|treatments|visits|facials|units)?\s?(?:i have |do i have |are )?left\b/, /\b(?:my|the) (?:balance|account|credit|package balance)\b/, /\b(?:claim|claims)\b[^.?!]{0,30}\b(?:denied|rejected|paid)\b|\bdenied\b/],
  'records request': [/\b(?:medical |my |patient )records\b/, /\b(?:copy|copies) of (?:my )?(?:records|x-?rays|chart|results)\b/, /\b(?:send|transfer) (?:my )?(?:records|x-?rays|chart)\b/],
  'membership or package': [
    /\bcancel (?:my |the |our |this )?(?:\w+ ){0,2}(?:membership|subscription|auto ?pay|auto ?renew\w*|monthly plan|package)\b/,
    /\b(?:membership|subscription)\b[^.?!]{0,40}\b(?:cancel\w*|stop|end|freeze)\b/,
  ],
  'gift card': [/\bgift (?:card|certificate|voucher)s?\b/],
  'returning a call': [/\breturning (?:a|your|the|somebody's|someone's) (?:call|message|voicemail)\b/, /\b(?:results|biopsy|labs?|lab work|pathology|test) (?:came back|are (?:in|back|ready))\b/, /\bleft me a (?:voicemail|message)\b/],
  'lost item': [/\blost and found\b/, /\b(?:left|lost|forgot|dropped) (?:my|one of my|a|an|the|her|his) (?:\w+ ){0,3}(?:in|at|there|behind|in the)\b/],
  'job inquiry': [/\b(?:hiring|resume|résumé|job opening|open position|apply for|application for)\b/, /\b(?:the|a|your) (?:\w+ )?(?:position|job) (?:you|that|i saw|posted|listed)\b/],
  'product purchase': [/\b(?:pick up|buy|purchase|order|reorder)\b[^.?!]{0,40}\b(?:serum|cream|product|sunscreen|moisturi[sz]er|cleanser|retinol|skincare|bottle)s?\b/, /\bin stock\b/],
};

/** A symptom after a treatment and a worry about it, possibly in different sentences of one turn. */
export const AFTERCARE_ACROSS_SENTENCES =
  /\b(?:bruis\w*|swell\w*|swollen|sore|tender|itch\w*|rash|lump|numb\w*|infect\w*|bleeding|blister\w*|scab\w*|bumps)\b[^?]*\b(?:normal|okay|worried|should i)\b/;

/** The caller wants a treatment, its price, or a consult (or cancels/moves one). */
export const CONSULT_INTEREST: readonly RegExp[] = [
  /\b(?:interested in|thinking (?:about|of)|looking (?:into|at getting)|considering|curious about|wondering about|asking about|info(?:rmation)? (?:on|about)|wanted to (?:ask|find out|see|know) (?:about|how|if))\b/,
  /\bhow much (?:is|does|do|would|will|for)\b|\bwhat (?:does|do|would) (?:it|that|\w+) cost\b|\b(?:price|pricing|cost) (?:of|for)\b/,
  /\b(?:book|schedule|set up|make) (?:a |an |the )?(?:consult|consultation|appointment)\b/,
  /\b(?:cancel|reschedule|move|change|push back)\b[^.?!]{0,40}\b(?:consult|consultation|appointment)\b|\b(?:consult|consultation|appointment)\b[^.?!]{0,60}\b(?:cancel|reschedule|move it|change it)\b/,
  /\b(?:get|have|getting|having) (?:\w+ ){0,3}(?:looked at|checked|checked out|evaluated|examined)\b/,
  /\b(?:said|says|told me|thinks) (?:that )?i (?:need|should get|should have|should see)\b/,
  /\b(?:want|like) (?:it|them|this) (?:gone|removed|fixed|done)\b|\bget (?:it|them|this) (?:done|removed|fixed)\b/,
  /\bi (?:want|wanted|'d like|would like) to (?:start|get|try|do|have)\b|\bi'm looking (?:into|at|for)\b/,
];

/** Treatment talk that hints at a consult call without saying why the caller called. */
export const CONSULT_HINT = /\b(?:quote|consult|consultation|surgery|procedure|treatments?|sessions?)\b/;

/** Treatment names, for tags, intent and as a weak sign of a consult call. */
export const TREATMENTS: Readonly<Record<string, RegExp>> = {
  botox: /\b(?:botox|dysport|xeomin|neurotoxin|tox|lip flip)\b/,
  filler: /\b(?:filler|fillers|juvederm|restylane|sculptra|kybella)\b/,
  'laser hair removal': /\blaser hair removal\b/,
  'tattoo removal': /\btattoo\b/,
  'body contouring': /\b(?:coolsculpting|fat freezing|body contouring|emsculpt)\b/,
  'dental implants': /\b(?:implants?|all on four|full arch|dentures?)\b/,
  veneers: /\bveneers?\b/,
  'dental work': /\b(?:crowns?|root canal|dental bridge|clear aligners|invisalign|braces|whitening)\b/,
  'hair restoration': /\b(?:hair transplant|transplant|prp|hair loss|thinning|grafts?)\b/,
  facelift: /\b(?:facelift|face lift|neck lift|brow lift|mini lift)\b/,
  'vision correction': /\b(?:lasik|prk|lens replacement)\b/,
  'tummy tuck': /\b(?:tummy tuck|abdominoplasty)\b/,
  'breast surgery': /\b(?:breast (?:augmentation|reduction|lift|implants?)|augmentation|mommy makeover)\b/,
  liposuction: /\b(?:liposuction|lipo)\b/,
  rhinoplasty: /\b(?:rhinoplasty|nose job)\b/,
  'eyelid surgery': /\b(?:blepharoplasty|eyelid (?:lift|surgery)|upper eyelids)\b/,
  ipl: /\b(?:ipl|i p l|photofacial|rosacea)\b/,
  microneedling: /\bmicro ?needling\b/,
  'laser resurfacing': /\b(?:laser resurfacing|resurfacing|co2 laser|fraxel)\b/,
  'vein treatment': /\b(?:spider veins?|varicose|sclerotherapy|veins?)\b/,
  'chemical peel': /\b(?:chemical peel|peel)\b/,
  facial: /\b(?:facial|hydrafacial)\b/,
};
