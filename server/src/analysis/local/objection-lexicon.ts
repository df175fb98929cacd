import type { ObjectionType } from '@call-assist/shared';

/**
 * How callers voice each kind of concern, for `matchForm` text (lower case, straight apostrophes).
 *
 * Two kinds of cue per type: a *phrase* that is a concern on its own ("out of my budget", "is it
 * safe", "I don't trust") weighs 2; a *topic* word that only names what a concern could be about
 * ("needles", "insurance", "reviews") weighs 1 and needs a second cue or the caller's stance (worry,
 * doubt, reluctance: `CONCERN_STANCE`) next to it. A sentence needs 2 to count. The lists aim at the
 * many ways people say these things, not at the wording of any particular call.
 */
export interface Cue {
  pattern: RegExp;
  weight: number;
  /** Ignored when a negator comes just before it ("not worried", "isn't expensive"). */
  negatable?: boolean;
  /** Cost cues that only count when a price is on the table ("that's a lot", "oof"). */
  needsPrice?: boolean;
  /** Social cues about opinions or looks that count only with another person in view (`THIRD_PARTY`). */
  needsPerson?: boolean;
  /** Context that only adds to another cue of the same type ("next month" next to "flying"). */
  supporting?: boolean;
  /** A list of topic words where two different words in one sentence count twice ("clot" and "hospital"). */
  perWord?: boolean;
}

const cue = (pattern: RegExp, weight = 2, options: Omit<Cue, 'pattern' | 'weight'> = {}): Cue => ({ pattern, weight, ...options });

/** `\b(?:a|b|c)\b` from alternatives (each may hold regex syntax). */
const anyOf = (...alternatives: string[]): RegExp => new RegExp(`\\b(?:${alternatives.join('|')})\\b`);

const NUM = '(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|grand|[0-9][0-9,.]*)';
const CANT =
  "(?:can't|cannot|can not|couldn't|could not|won't be able to|wouldn't be able to|not able to|don't think (?:i|we) (?:can|could)|not sure (?:i|we) (?:can|could)|no way (?:i|we) (?:can|could)|there's no way (?:i|we) (?:can|could)|(?:don't|do not|can't) see how (?:i|we)(?:'d| would| could| can| will)?)(?: (?:exactly|really|just|even|possibly|honestly|totally))?";
const PROVIDER = '(?:doctor|doc|surgeon|dentist|dermatologist|injector|nurse|provider|practitioner|physician|specialist|tech|technician|aesthetician|esthetician|staff|person|people|whoever)';
const PLACE = '(?:place|places|clinic|clinics|spa|spas|med spa|med spas|office|offices|practice|practices|center|provider|providers|injector|injectors|doctor|doctors|surgeon|surgeons|dentist|dentists|salon|one of those)';

// ---------------------------------------------------------------------------------------------
// cost-value
const COST: Cue[] = [
  cue(anyOf('expensive', 'pricey', 'overpriced', 'steep', 'costly', 'spendy', 'a rip ?off', 'highway robbery'), 2, { negatable: true }),
  cue(/\b(?:out of|over|beyond|outside|not in|above|blow(?:s|ing)?) (?:my|our|the) (?:price range|budget|range|league)\b/),
  cue(new RegExp(`\\b${CANT} (?:really |even |ever |just |possibly )?(?:afford|swing|justify|swallow|spend|pay for|pay (?:that|this|it)|do that (?:kind of )?(?:money|price)|stretch)\\b`)),
  cue(anyOf('afford'), 1, { negatable: true }),
  // A limit next to an amount: "I can't do five hundred a month", "no way I'm paying two grand".
  cue(new RegExp(`\\b(?:${CANT}|no way|not (?:going|gonna) to|not paying|hard to|tough to) (?:\\w+ ){0,3}?(?:do|pay|spend|manage|handle|paying|spending|put down|come up with) (?:\\w+ ){0,4}?${NUM} (?:\\w+ )?(?:a month|per month|a session|bucks|dollars|grand|hundred|thousand)\\b`)),
  cue(/(?<!\b(?:wasted|spent|blew|thrown away|thrown) )\b(?:a lot|too much|so much|a big chunk|a chunk|a ton|a fortune|a small fortune|serious|real|big) (?:of )?(?:money|cash|change|dough)\b|\bthat kind of (?:money|cash)\b|\bchunk of change\b/, 2, { negatable: true }),
  cue(/\b(?:a lot|way|much|quite a bit|a good bit|a little|a bit|kind of|so much) (?:more|higher) than (?:i|we) (?:had in mind|thought|expected|was expecting|were expecting|wanted|budgeted|planned|figured|hoped|was hoping|assumed|imagined)\b/, 2, { needsPrice: true }),
  cue(/\b(?:more|higher) than (?:i|we) (?:budgeted|wanted to (?:spend|pay)|planned to (?:spend|pay)|meant to (?:spend|pay))\b|\bmore than (?:i|we) (?:had in mind|was hoping|were hoping)\b(?! (?:for|about|as|in terms of) (?:\w+ )?(?:time|years|experience))/),
  // A limit, not a comparison with what was expected: no price needs to be on the table.
  cue(/\bmore than (?:i|we) (?:can|could) (?:\w+ )?(?:manage|afford|spend|pay|handle|swing|do)\b/),
  cue(/\b(?:more|higher|pricier) than (?:the|another|other|a|that|this) (?:\w+ )?(?:place|places|clinic|office|spa|dentist|guy|one|shop|salon)s?\b/),
  cue(/\b(?:was|were) (?:hoping|thinking|expecting|figuring|budgeting)\b[^.?!]{0,30}\b(?:more like|closer to|under|around|less)\b/, 2, { needsPrice: true }),
  cue(/\bmore than (?:my|our|a) (?:car|rent|mortgage|house|paycheck|salary|vacation)\b|\b(?:car|mortgage|rent|house) payment\b|\b(?:my|a) (?:whole |entire )?paycheck\b|\b(?:weeks?|months?|a year) of (?:my |our )?(?:take home |\w+ )?(?:pay|paycheck|salary|income|rent|wages)\b|\b(?:too rich for|out of reach|hard to (?:swallow|justify)|tough to justify|can't justify|a bit much|a little much|on the pricey side|pricier than|break the bank|an arm and a leg|a pretty penny|not cheap|ain't cheap|not in the cards|doesn't grow on trees|nickel and dime\w*|hidden fees|extra fees)\b|\bhow (?:am|are|would|could) (?:i|we) (?:supposed to |going to |gonna )?(?:pay|afford|swing|come up with)\b/),
  cue(/\b(?:i|we|you) could (?:buy|get|pay for|go on|take) (?:\w+ ){0,5}(?:for that|with that|for that much|for the same)\b/),
  cue(/\b(?:see|saw|seen|hear|heard) (?:\w+ ){0,2}(?:ads|commercials|deals|prices|groupons|specials|coupons|offers)\b[^.?!]{0,40}\bfor (?:like |only |just |about )?(?:a |an )?(?:one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|half|[0-9])/),
  cue(/\b(?:big|huge|pretty big|hefty|massive|steep) (?:bill|price tag|number|chunk)\b|\bleaves? me with (?:a|the) (?:\w+ )?(?:bill|balance)\b/),
  cue(/\b(?:wasn't|was not|didn't|did not|not) expect(?:ing)? (?:that|it to be|it to cost|that much|it that)\b|\b(?:that's|that is|it's) (?:\w+ )?(?:up there|on the high side|a big number|a lot to (?:spend|swallow|take in))\b|\b(?:it|that|that all|those) adds? up\b|\b(?:do|go) (?:any )?(?:better|lower) on (?:the )?price\b|\b(?:rich|steep) for (?:me|my blood|us)\b/, 2, { needsPrice: true }),
  cue(/\b(?:have|need) to (?:finance|save for|save up for|budget for|put it on (?:a|my) (?:card|credit card))\b|\bholding me back\b|\bwhat's stopping me\b/, 1),
  cue(/\b(?:(?:anything|nothing) extra|extras|extra (?:money|cash|spending|expenses))\b/, 1),
  cue(/\b(?:single income|one income|paying off|credit card debt|no savings|saving (?:up )?for|trying to save|just bought a (?:house|car)|tuition|daycare|rent is|medical bills|car broke|vacation days)\b/, 1),
  cue(anyOf('cheaper', 'less expensive', 'lower price', 'better price', 'better deal', 'best price', 'price match', 'groupon', 'living social'), 2, { negatable: true }),
  // Quotes compared: "two thousand less than you", "another place quoted me", "four hundred more for the same".
  cue(new RegExp(`\\b${NUM} (?:dollars |bucks |grand )?(?:less|cheaper|lower|more|higher) (?:than|for the same|elsewhere|somewhere else)\\b|\\b(?:hundred|thousand|grand|dollars|bucks) (?:less|cheaper|lower|more|higher)\\b|\\b(?:another|other|different|a different) (?:place|clinic|office|surgeon|dentist|doctor|spa|practice|guy|provider)s?\\b[^.?!]{0,50}\\b(?:less|cheaper|quoted?|quote|half|for only|charges?|charging|price)\\b|\\b(?:half|a third|a fraction) (?:of )?(?:what|the price|the cost|that|yours|your price)\\b|\\bmore for the same\\b`)),
  cue(/\b(?:price|cost|payment|fee|it|that|the total|the number|the monthly)(?:'s| is| was| would be| seems) (?:just |way |a bit |a little |kind of |really |still )?(?:too (?:high|much|steep|rich)|a lot(?! (?:more|better|less|cheaper|easier|nicer))|crazy|insane|nuts|ridiculous|outrageous|more than (?:i|we))\b/, 2, { negatable: true, needsPrice: true }),
  cue(/\bbudget(?:'s| is| has been| was)? (?:been )?(?:\w+ ){0,2}(?:stretched|tight|maxed|tapped|thin|limited|squeezed)\b|\b(?:stretched|spread) (?:pretty |really |too |so )?thin (?:money|financially|budget)\w*\b/),
  cue(/\bmoney(?:'s| is| has been| was)? (?:been )?(?:really |pretty |super |kind of |a little )?(?:tight|an issue|a problem|a concern|short|the issue|the problem|the thing)\b|\b(?:fixed income|on a budget|tight budget|(?:short|tight|low) on (?:money|cash|funds)|strapped|(?:i'm|we're|i am|we are|pretty|totally|flat|dead|so) broke)\b/),
  cue(/\b(?:laid off|got fired|lost (?:his|her|their|our) job|unemployed|off the table|lost my job|between jobs|out of work|hours (?:got |were )?cut|on disability|student loans|in debt|more debt|into debt|save up|saving up|have to save|need to save|bills? (?:to pay|piling)|just (?:paid|spent|had to (?:pay|replace|fix)))\b/, 1),
  cue(/\b(?:don't|do not) have (?:that kind of|that much|the|enough|extra|that|any extra) (?:money|cash|funds|budget)\b|\b(?:can't|cannot|couldn't) (?:spend|put|pay) (?:anything|any more|more|extra|that much)\b/),
  cue(/\b(?:insurance|my plan|the plan|medicare|medicaid)\b[^.?!]{0,20}\b(?:doesn't|does not|won't|will not|isn't going to|wouldn't|didn't|not) (?:\w+ )?(?:cover|pay)\b|\b(?:not|isn't|aren't|wasn't) covered\b|\b(?:insurance|my plan|the plan) only (?:covers|pays)\b|\bno (?:dental |vision )?insurance\b|\b(?:don't|do not) have (?:dental |vision |any |health )?insurance\b/, 1),
  cue(/\b(?:money|cost|costs|price|prices|pricing|bill|fees?|payments?|monthly)\b|\bquote (?:from|at) (?:another|a different|other|the other)\b/, 1, { negatable: true }),
  cue(/\b(?:pay|paying|spend|spending|come up with) (?:it |that |the whole thing )?(?:all )?(?:at once|up front|upfront|in one go|in one shot)\b|\blump sum\b/),
  cue(new RegExp(`\\b${CANT} (?:really |just |even )?(?:do|swing|manage|handle) (?:it|that|this)\\b`), 1, { needsPrice: true }),
  cue(/\bworth (?:it|the money|the price|the cost|that much|that kind of money|spending)\b/, 1, { needsPrice: true }),
  cue(/\bworth (?:the money|the price|the cost|that much|that kind of money|spending)\b/, 1),
  cue(/\b(?:waste of money|throwing money away|throw money away|for a maybe)\b/, 1),
  cue(/\bstill (?:a lot|too much|a few hundred|a car payment|[a-z]+ (?:hundred|thousand|a month))\b/, 2, { needsPrice: true }),
  cue(new RegExp(`\\b${NUM} (?:a month|per month|a session|dollars|bucks|grand|thousand|hundred)\\b[^.?!]{0,30}\\b(?:for|on) (?:one|a|a single|just|only) \\w+\\b|\\b(?:for|on) (?:one|a single|just one) (?:tooth|session|area|syringe|treatment|zone|eye|appointment)\\b|\\b${NUM} (?:dollars|bucks|grand) for (?:my|the|your|a|one) \\w+\\?`), 1, { needsPrice: true }),
];

// ---------------------------------------------------------------------------------------------
// safety-risk
const SAFETY: Cue[] = [
  cue(/\b(?:is|are|was|would|will) (?:it|this|that|they|these|those|the (?:procedure|surgery|treatment|laser|filler|injections?|medication|shots?|peel|anesthesia)) (?:\w+ )?(?:really |actually |even |totally |completely )?safe\b|\bhow safe\b|\bsafe (?:for|with|on) (?:me|my|someone|people|dark|darker|sensitive|pregnant|diabetics?|women|men)\b/),
  cue(anyOf('side effects?', 'risks?', 'risky', 'complications?', 'dangerous', 'danger', 'adverse'), 2, { negatable: true }),
  cue(anyOf('safety', 'safe'), 1, { negatable: true }),
  cue(/\b(?:is|was|will|would|does) (?:it|this|that|the \w+) (?:\w+ )?(?:painful|going to hurt|gonna hurt|sting)\b/),
  cue(/\b(?:is|would|will|are) (?:it|this|that|surgery|the surgery|the procedure|anesthesia|it even) (?:even |really )?(?:a good idea|wise|smart|okay|ok|advisable|too risky) (?:for (?:someone|somebody|people|a person) (?:like me|my age|with)|at my age|with (?:my|a))\b/),
  cue(anyOf('phobia', 'phobic', 'go(?:es)? wrong', 'goes bad', 'went wrong', 'going wrong', 'something (?:slips|happens|goes wrong|went wrong)', 'botched surgery')),
  cue(/\b(?:bad|allergic|severe) reactions?\b|\b(?:does|will|did|is) (?:it|that|this) (?:going to |gonna )?hurt\b|\bhow (?:much|bad) (?:does|will) (?:it|that) hurt\b|\b(?:hurt|hurts) (?:a lot|really bad|like crazy)\b|\b(?:low|no|zero|bad) pain tolerance\b|\b(?:a |such a |kind of a |total |big |huge )(?:wimp|wuss|sissy|weenie|baby|scaredy cat)\b|\b(?:such a|total|big|huge) chicken\b/),
  cue(/\b(?:scared|afraid|terrified|frightened|nervous|anxious|petrified|freaked out|worried|fearful) (?:of|about|that|it)\b[^.?!]{0,30}\b(?:needles?|pain|hurt\w*|blood|surgery|surgeries|going under|being put under|anesthesia|the dentist|dentists|drills?|lasers?|knives|knife|scalpel|dying|death|infection|scars?|scarring|burns?|complications?|side effects?|reactions?|shots?|injections?)\b/, 2, { negatable: true }),
  cue(
    anyOf(
      'needles?', 'pain', 'painful', 'hurts?', 'hurting', 'sore(?! spot)', 'soreness', 'burns?', 'burned', 'burning', 'blister\\w*', '(?<!acne )scars?', '(?<!acne )scarring', 'keloids?',
      'infections?', 'infected', 'bleed\\w*', 'blood clots?', 'clots?', 'clotting', 'blood thinners?', 'thinners', 'anesthesia', 'anesthetic', 'put under', 'going under', 'being put under', 'sedation', 'sedated',
      'allerg\\w*', 'reactions?', 'rash\\w*', 'hives', 'inflam\\w*', 'irritat\\w*', 'sensitive skin', 'droop\\w*', 'paraly\\w*', 'nerves?', 'nerve damage', 'numbness',
      'blind\\w*', 'vision', 'eyesight', 'my sight', 'toxins?', 'toxic', 'poison\\w*', 'botulism', 'chemicals?(?! peels?)', 'radiation', 'dark (?:spots|marks|patches)', '(?:leaves?|left) (?:a |me with )?(?:marks?|spots?)',
      'pregnan\\w*', 'breastfeed\\w*', 'nursing', 'medications?', 'meds', 'prescriptions?', 'accutane', 'isotretinoin', 'retin a', 'tretinoin', 'warfarin', 'coumadin', 'eliquis', 'xarelto', 'plavix', 'heparin', 'aspirin', 'steroids?', 'chemo\\w*', 'insulin', 'thyroid', 'afib', 'a fib', 'arrhythmia', 'heart rhythm', 'pills?', 'stents?', 'bypass', 'drop dead', 'on the table', 'osteoporosis', 'fosamax', 'bisphosphonates?', 'arthritis', 'kidney', 'liver', 'hemophilia', 'bleeding disorder', 'immune', 'hiv', 'hepatitis', 'asthma', 'smoker', 'cause (?:problems|issues|complications|damage)', 'causes? (?:problems|issues|complications|damage)', 'damag\\w*', 'ruin (?:my|the) skin', "don't do well with", 'react badly',
      'i bruise', 'bruise (?:easily|like)', 'raw', 'redness', 'breaks? out', 'broke out', 'flare(?:s|d)? up', 'sensitive', 'react(?:s|ed)? (?:badly|bad|to)', 'hyperpigment\\w*', 'discolor\\w*', 'nause\\w*', 'throw(?:ing)? up', 'vomit\\w*', 'faint\\w*', 'pass(?:ed)? out', 'seizures?', 'rupture\\w*', 'leak\\w*', 'implant illness', 'invasive', 'under the knife', 'incisions?', 'stitches', 'wake up during', 'diabet\\w*', 'blood pressure', 'heart (?:condition|problem|issue|attack|murmur)', 'pacemaker', 'autoimmune', 'lupus', 'cancer',
      'hospital', 'emergency room', 'the er', "(?<!(?:i'd|i would|i could|i'll|i will|i'd just|i would just|i'd honestly|i would honestly|i'd literally) )die(?! (?:if|of embarrassment|laughing))", 'died', 'dying', 'death', 'coma', 'stroke', 'embolism', 'occlusion', 'tissue death',
      'contaminat\\w*', 'germs', 'diseases?', 'reus(?:e|ed|ing)', '(?:mixed|mix) up', "(?:somebody|someone) else's", 'sterile', 'cutting', 'cut (?:into|open|near|around|me)', 'blades?', 'awake (?:during|for|while)', "while i'm awake", '(?:near|around|on|in|into) my eyes?', 'lose (?:my )?(?:vision|sight|eye)', 'choke', 'choking', 'breathing', 'swallow\\w*', 'fever', 'sting\\w*', 'fda approved', 'go(?:es)? wrong', 'permanent damage', 'necrosis', 'lumps?', 'migrat\\w*', 'long term (?:effects?|damage)', 'in my body', 'into my body', 'drills?', 'grows? (?:back )?(?:bigger|larger|thicker|harder)', 'grew (?:back )?(?:bigger|larger|thicker|harder)',
      'heal(?:s|ing)? (?:properly|right|well)',
    ),
    1,
    { negatable: true, perWord: true },
  ),
];

// ---------------------------------------------------------------------------------------------
// timing
const TIMING: Cue[] = [
  cue(/\b(?:too|so|really|crazy|super|insanely|pretty|very|extremely|incredibly) busy\b|\b(?:swamped|slammed|buried|overloaded|stretched thin|hectic)\b|\ba lot (?:going on|on my plate)\b/, 2, { negatable: true }),
  cue(anyOf('busy'), 1, { negatable: true }),
  cue(/\b(?:this|next|the) (?:whole )?(?:month|week|year|season|quarter|semester|summer|fall|spring|winter)\b[^.?!]{0,30}\b(?:insane|crazy|busy|hectic|nuts|packed|tough|rough|a mess|full)\b/),
  cue(/\b(?:not|isn't|is not|wasn't) (?:a |the )?(?:good|great|right|best|ideal) time\b|\b(?:bad|terrible|crazy|busy|hectic|tough|rough|awful) time (?:for (?:me|us)|right now|of (?:the )?year|to (?:do|start|book|be|come))\b|\bthe timing(?:'s| is| isn't| is not)? (?:\w+ )?(?:tricky|bad|off|not great|not good|terrible|hard|awkward|the issue|the problem|the thing)\b|\btiming(?:'s| is) (?:a|an) (?:issue|problem|thing)\b|\bnot ready\b/),
  cue(new RegExp(`\\b${CANT} (?:really |just |afford to )?(?:take|get|have|miss|skip)\\b[^.?!]{0,25}\\b(?:time off|days? off|weeks? off|work|a week|two weeks|weeks|that long|that much time|the time)\\b`)),
  cue(new RegExp(`\\b${CANT} (?:really |just |afford to )?(?:be out|be gone|be away|be off|be laid up|disappear|be out of commission|be down|step away|get away)\\b`)),
  cue(/\b(?:out of commission|laid up|on the couch for|off my feet|off work for|out of work for|miss (?:a lot of |that much |too much )?work|hide (?:at home|out|inside|away)|stay (?:home|inside|in the house) for)\b/),
  cue(new RegExp(`\\b${CANT} (?:\\w+ ){0,5}?for (?:a|one|two|three|four|five|six|a few|a couple(?: of)?|several|like a|like two) (?:days?|weeks?|months?)\\b`)),
  cue(/\b(?:can't|cannot|couldn't|can not) (?:\w+ ){0,2}(?:show up|go (?:in )?to work|be seen|face (?:people|clients|guests|customers|patients|my \w+)|go out|walk around|be around (?:people|clients|customers))\b[^.?!]{0,25}\b(?:looking|with|like)\b/),
  cue(/\b(?:facing|seeing|meeting|with|in front of) (?:\w+ ){0,2}(?:clients|guests|customers|patients|students|people|the public) all day\b|\b(?:burn|use|take) (?:\w+ )?(?:vacation|sick|pto|personal) days\b/, 1),
  cue(/\b(?:down the road|someday|some day|eventually|at some point|in the future)\b|\bnot right now\b|\bright now (?:isn't|is not|just isn't) (?:good|great|ideal|the time)\b|\b(?:this|next) (?:month|week) is (?:bad|tough|rough|no good|not good)\b|\bonce (?:things|work|school|life|the kids|everything) (?:calm|slow|settle|get|is)\b|\bafter (?:i|we) (?:finish|graduate|move|have the baby|get back|get settled|get through)\b|\b(?:summer|winter|holiday|wedding|busy|tax|wildfire|hurricane) season\b/, 1),
  cue(/\bonly (?:really |ever )?(?:home|free|available|off|around|in town) (?:on )?(?:weekends|fridays|saturdays|sundays|mondays|tuesdays|wednesdays|thursdays|evenings|mornings|one day|every other)\b|\bhow (?:long|soon) (?:before|until|till) (?:i|you) (?:can|could) (?:go back|return|get back|be back|work)\b/, 1),
  cue(/\bonly (?:really |ever )?(?:have|get|got) (?:\w+ ){0,3}(?:minutes|an hour|a lunch|lunch|lunch breaks?|breaks?|weekends|saturdays|sundays|evenings|mornings|one day|a day off)\b|\b(?:is that|is it|that's not|not) enough time\b|\bcan't get (?:off|away from) work\b/, 1),
  cue(anyOf('time off', 'days? off', 'downtime', 'down time', 'recovery', 'recover', 'recovering', 'heal(?:ing)? time', 'swollen', 'swelling', 'bruis\\w*', 'scabs?', 'peeling'), 1, { negatable: true }),
  cue(/\b(?:show up|go (?:back )?(?:in )?to work|walk (?:in|into)|be (?:seen|on camera|on air|on stage|at work)|go out|be in (?:pictures|photos)|present|teach)\b[^.?!]{0,35}\b(?:swollen|swelling|bruised|bruises|bruising|red|scabs|bandages?|stitches|peeling|a cast)\b/),
  // Being away, and when: one point each, so a trip needs a date ("flying out next month") to count.
  cue(/\b(?:travel(?:ing|ling)?|on the road|out of town|away|fly(?:ing)?(?! (?:out|in|up|down) (?:there|here|to (?:you|see you)))|trip|vacation|cruise|honeymoon|deployment|deploy\w*|conference|going (?:to|on) (?:a |my |our )?(?:trip|vacation|cruise|honeymoon))\b/, 1),
  cue(/\b(?:next|this|that|in a|in (?:like |about )?(?:a few|a couple(?: of)?|two|three|four|five|six)) (?:week|weeks|month|months|weekend|day|days)\b|\bfor (?:two|three|four|a couple|a few) weeks\b|\bcoming up\b|\bthis (?:summer|fall|spring|winter)\b|\b(?:weeks|months) (?:out|away|from now)\b/, 1, { supporting: true }),
  cue(/\b(?:work|business) trip\b|\b(?:wedding|getting married|married|graduation|reunion|event|party|trip|vacation|cruise|honeymoon|move|moving|holidays|surgery|baby|photo shoot|competition|tournament)s? (?:is |are )?(?:in (?:like |about )?(?:a |two |three |four |five |six |a few |a couple (?:of )?)?(?:days?|weeks?)|(?:this|next) (?:week|weekend|month)|coming up)\b|\bgoing (?:to|on|away|out of)\b[^.?!]{0,30}\bin (?:like |about )?(?:a |a few |a couple (?:of )?|two |three |four |five |six )?(?:days?|weeks?)\b/),
  cue(/\b(?:that long|so long|a long (?:time|wait)|wait(?:ing)? (?:list|time)|(?:weeks|months) (?:out|away)|all the way (?:in|until))\b/, 1),
  cue(/\b(?:shifts?|rotating|night shift|nights|doubles|overtime|on call|twelves|two jobs|three jobs|tax season|busy season|finals|exams|semester|new job|started a new job|baby (?:is )?due|due date|newborn)\b/, 1),
  cue(/\b(?:my |the )?schedule(?:'s| is)?\b[^.?!]{0,30}\b(?:crazy|all over the place|packed|full|tight|nuts|hectic|unpredictable|changes|doesn't come out|isn't out|not out|up in the air|a mess|(?:isn't|is not|hasn't been|not|isn't even) (?:out|posted|up|set|made|released|final\w*))\b|\b(?:shouldn't|can't|don't want to|rather not) (?:book|schedule|commit to) (?:anything |something )?(?:until|till|before) (?:i|we) (?:see|get|know) (?:my|the|it)\b|\b(?:don't|do not|never) know (?:my|what my|when my) (?:schedule|shifts?|hours)\b/),
  cue(/\b(?:don't|do not|can't|cannot) (?:\w+ )?(?:know|see) (?:when|how) (?:i'd|i would|i could|i can|i'll|we'd|we could) (?:fit|find|make|get|squeeze)\b|\b(?:fit (?:it|this|that) in|find the time|make the time|squeeze (?:it|this) in|get away from)\b/),
  cue(/\b(?:don't|do not) have (?:the |any |much )?time\b|\bno time\b|\bnot (?:doing|booking|scheduling|planning) anything (?:until|till|before)\b|\b(?:until|till) (?:after|the (?:new year|holidays|fall|spring|summer|winter)|next (?:month|year|week|spring|summer|fall|winter)|january|february|march|april|may|june|july|august|september|october|november|december|things (?:calm|slow|settle)|work (?:calms|slows|settles)|school|summer|fall|spring|winter)\b/),
  cue(/\b(?:wait|waiting|hold off|put (?:it|this|that) off|push (?:it|this|that) (?:off|out|back)|postpone|holding off)\b[^.?!]{0,30}\b(?:until|till|a (?:few|couple)|after|a (?:bit|while|little)|next|till|when)\b(?! (?:i|we) (?:know|hear|check|talk|find out|see|get|speak|look|have|sort|figure))/),
  cue(/\b(?:push|put) (?:it|this|that|things|everything) (?:off|out|back)\b|\bpostpon\w*\b|\b(?:rather|better|should|going to|gonna|might|probably) (?:just )?wait\b(?! (?:until|till) (?:i|we) (?:know|hear|check|talk|find out|see|get|speak|look|have|sort|figure))/),
  cue(/\bhold(?:ing)? off\b|\bnot this (?:month|week|year|season)\b|\b(?:can't|cannot|couldn't) (?:deal with|handle|take on|add) (?:anything|one more thing|more|another thing)\b|\brunning (?:around|ragged)\b|\bhead cut off\b|\bmy head(?:'s| is) not (?:in it|there)\b/, 1),
  cue(/\bmaybe (?:later|next (?:month|year|week|season)|in (?:the )?(?:spring|summer|fall|winter|new year)|after|in a (?:few|couple))\b|\bafter the holidays\b|\b(?:later|next) (?:this|in the) year\b/),
  cue(/\b(?:i'm|i am) (?:actually |just |literally )?(?:driving|at work|in a meeting|at the office|on (?:my|a) (?:break|shift|lunch))\b/, 1),
  cue(/\b(?:can't|cannot) (?:even )?think about (?:booking|scheduling|it|this|anything)\b|\b(?:have|end up having) to cancel\b|\bcancel on you\b|\bflake\b/, 1),
];

// ---------------------------------------------------------------------------------------------
// social-concerns
/** Someone other than the caller whose opinion or gaze is the worry. */
export const THIRD_PARTY =
  /\b(?:husband|hubby|wife|partner|boyfriend|girlfriend|spouse|fianc\w*|mom|mum|mother|dad|father|parents|mother in law|father in law|in laws|sister|brother|family|kids|children|son|daughter|friends?|buddies|buddy|coworkers?|co workers?|colleagues?|boss|everyone|everybody|people|anyone|anybody|nobody|neighbors?|church|congregation|small town|the guys|the girls|my team|students|clients|customers|teachers|other (?:moms|teachers|nurses|people|parents|guys|women)|relatives|grandkids)\b/;

/** A pronoun that can stand for a third party named earlier in the turn. */
export const PERSON_PRONOUN = /\b(?:he|she|they|him|her|them|he's|she's|they're|he'd|she'd|they'd|he'll|she'll|they'll)\b/;

const SOCIAL: Cue[] = [
  cue(/\b(?:(?:talk|speak|check|discuss|go over|think)(?: it| this| that)?(?: over| about it)? (?:with|to)|run (?:it|this|that) (?:by|past)|ask|clear (?:it|this) with|get (?:the okay|permission|the green light) from|okay it with|see what) (?:my |our )?(?:husband|hubby|wife|partner|boyfriend|girlfriend|spouse|family|parents|fianc\w*|mom|mother|dad)\b/),
  cue(/\bwhat (?:people|others|everyone|everybody|my \w+(?: in law)?|the \w+|they|he|she|folks) (?:would|will|might|are going to|gonna) (?:think|say)\b|\b(?:people|everyone|everybody|they|folks|the \w+) (?:would|will|are going to|gonna|might) (?:talk|notice|know|judge|stare|gossip|comment|laugh|tease|make fun)\b|\bpeople talk\b/),
  cue(/\b(?:don't|do not|wouldn't|would not|never) want (?:\w+ ){0,3}?(?:to know|knowing|to find out|finding out|to see|seeing|to notice|noticing|to hear)\b|\bwithout (?:\w+ ){0,2}(?:knowing|finding out|noticing)\b|\b(?:keep|kept) (?:it|this) (?:a secret|quiet|private|on the down low)\b/),
  cue(anyOf('embarrass\\w*', 'self[- ]conscious', 'humiliat\\w*', 'mortif\\w*', 'ashamed'), 2, { negatable: true, needsPerson: true }),
  cue(anyOf('shallow', 'high maintenance', "haven't told (?:anyone|anybody|my \\w+)", "nobody knows", "if (?:anyone|anybody|people|they) (?:knew|found out)", "(?:get|hear) an earful"), 2, { negatable: true }),
  // Judgement by someone else: counts only with that person in view (named, or a pronoun for one named earlier).
  cue(/\b(?:judg\w*|vain|vanity|ridiculous|silly|cheating|the easy way out|lazy|a shortcut|midlife crisis|(?:beautiful|pretty|perfect|gorgeous|handsome|fine|good|great) (?:the way i am|as i am|as is|just the way)|shouldn't (?:spend|waste|do|get|bother)|age gracefully|fine the way|(?:look|looks|am|i'm) (?:just )?fine|don't need (?:it|that|to)|too old|waste of money|throwing money away|against (?:it|this|the (?:whole )?(?:thing|idea))|not on board|won't let me|doesn't want me|don't want me|wouldn't want me|doesn't like the idea|hates the idea|not (?:a )?fan of (?:the idea|it)|talk me out of|thinks? (?:i'm|i am|i'd be|it's|this is) (?:crazy|nuts|insane|stupid|dumb)|talked me into)\b/, 2, { needsPerson: true }),
  // Someone else wanting it for the caller is a concern only when the caller is reluctant.
  cue(/\b(?:really |keeps? |always )?(?:wants|pushing|pushes|making|pressur\w*|nagging|bugging) me (?:to|into|about)\b/, 1, { needsPerson: true }),
  cue(/\b(?:would (?:kill|freak|flip|have a fit|lose it|never)|make fun|making fun|jokes?|joking|laugh(?:ing|ed)? at|teas\w*|gossip\w*|(?:would|will|'d|'ll|gonna|going to) (?:be )?talk(?:ing)? about (?:it|me|us)|talk(?:ing)? behind my back|be talking|have something to say|a whole thing|a big deal|(?:give|giving) me (?:so much |a lot of )?(?:crap|grief|a hard time|heck|hell|trouble)|never let (?:me|it) (?:go|hear|live)|(?:saw|see|sees|seeing|caught|catch|spot|spotted|spots) me (?:\w+ing|at|in|with|like|looking|going)|(?:i'd|i would|i'd just|i'd honestly|i would honestly|i'd literally) die if|if (?:\w+ ){0,2}(?:found|find|finds) out|(?:doesn't|does not|don't) (?:even )?know (?:i'm|i am|about|that i)|(?:would|will|might|could|gonna) (?:definitely |totally |probably |for sure |totally |100 percent )?(?:notice|find out|see it|know|tell)|know about (?:it|this)|see me (?:with|like|looking)|seeing me|stare|staring|comments?|say something)\b/, 2, { needsPerson: true }),
  cue(/\b(?:look(?:s|ing)?|come out|end up) (?:\w+ ){0,2}(?:like (?:i|i've|i'd) (?:had|gotten|got) (?:work|something|stuff) done|fake|done|overdone|plastic|unnatural|obvious|frozen|weird|like a (?:different person|cartoon|blow ?up doll|duck|trout|wax figure)|like one of those)\b|\b(?:obvious(?:ly)? (?:fake|done)|duck lips|trout pout|chiclets?|horse teeth|too white|fake looking|look natural|natural looking|natural look)\b/, 1),
  cue(/\b(?:i'd|i would|i'll|i will|i'd just|i'd be|i'd feel|i feel) (?:\w+ )?(?:so |really |kind of |a little |pretty )?(?:awkward|weird|silly|embarrassed|judged|self conscious|uncomfortable)\b|\bas a (?:guy|man|dude)\b|\b(?:guys|men) (?:don't|do not|doesn't) (?:do|get)\b/),
];

// ---------------------------------------------------------------------------------------------
// provider-trust
const TRUST: Cue[] = [
  cue(/\b(?:don't|do not|not sure (?:i|we) can|can't|cannot|hard to|how (?:can|do|would) (?:i|we)|never|won't|didn't|doesn't|not (?:\w+ )?going to) (?:really |fully |totally |completely |just |even )?trust\b|\btrust (?:issues|is (?:a|an) (?:issue|thing|problem|big thing))\b|\b(?:wary|leery|suspicious|skeptical) of (?:you|your|the|these|those|med spas?|clinics?|places?|doctors?|injectors?|dentists?)\b/),
  cue(/\b(?:wary|leery)\b/, 1, { negatable: true }),
  cue(/\b(?:bad|negative|terrible|awful|mixed|poor|horrible|one star|two star|[12] star|low) (?:\w+ )?(?:reviews?|ratings?)\b|\b(?:reviews?|yelp|google|facebook|reddit|ratings?)\b[^.?!]{0,80}\b(?:said|saying|says|complain\w*|mention\w*|botched|bad|rushed|rude|uneven|lumpy|messed|ruined|awful|terrible|horrible|scary|one star|two star)\b|\bheard (?:some )?(?:bad|not great|not good|mixed|terrible|awful|some) things\b|\bone star\b/),
  cue(new RegExp(`\\b(?:bad|terrible|awful|horrible|rough|not great) (?:experience|luck|time|results?)\\b[^.?!]{0,30}\\b(?:with|at|from|in) (?:a|another|other|some|the last|my last|a different|one of those|that) ${PLACE}\\b|\\bbad experiences?\\b`)),
  cue(new RegExp(`\\bis (?:the|your|my|that|this) ${PROVIDER}\\b[^.?!]{0,40}\\b(?:board certified|certified|licensed|qualified|experienced|trained|a real|an actual|a specialist|a \\w+ surgeon|a surgeon|a dermatologist|a nurse|a doctor|an md|legit)\\b|\\b(?:is|are) (?:he|she|they|the doctor|the injectors?|the nurses?|the surgeon|your (?:doctor|surgeon|injectors?|nurses?|staff)) (?:actually |even |really )?(?:board )?(?:certified|licensed|qualified|experienced|trained|any good|legit|good at)\\b`)),
  cue(/\bwho (?:actually |exactly |really )?(?:would|will|is going to|does|do|did|is|would be|will be|performs?|is doing) (?:be )?(?:doing|do|perform\w*|the (?:procedure|surgery|treatment|injections?|injecting|laser|work)|it|that|those|these|my)\b|\bwho(?:'s| is| would be| will be) (?:actually )?(?:doing|performing|injecting)\b/),
  cue(new RegExp(`\\b(?:doctor|md|surgeon|physician|dentist|nurse|dermatologist) or (?:a |an |just a )?(?:nurse|tech|technician|aesthetician|esthetician|assistant|pa|np|nurse practitioner|med spa)\\b|\\b(?:actual|real|licensed|proper) (?:doctor|surgeon|md|physician|dentist|nurse)\\b|\\b(?:wasn't|isn't|not|weren't|aren't) (?:even |actually )?(?:a |an )?(?:real |actual |licensed )?(?:doctor|surgeon|md|physician|nurse|dentist|professional|medical)\\b|\\bsome (?:tech|technician|trainee|resident|student|kid|girl|guy|random|assistant)\\b`)),
  cue(/\b(?:just )?(?:anybody|anyone) (?:off the street|with a)\b|\bjust (?:anybody|anyone)\b|\bor (?:just )?(?:some|someone|somebody|a girl|a guy) (?:at|from|in|off|with) (?:a|the|some)\b|\b(?:an? )?(?:actual|real|proper) (?:licensed |certified )?(?:\w+ist|\w+ician|therapist|hygienist)\b/, 2, { negatable: true }),
  cue(/\b(?:your|their|his|her|the doctor's|the clinic's|the) (?:instagram|facebook|website|gallery|before and afters?|before and after (?:photos|pictures)|photos|pictures|work)\b[^.?!]{0,80}\b(?:looked|look|looks|looking) (?:\w+ ){0,3}?(?:weird|off|bad|pinched|fake|botched|uneven|wrong|overdone|lopsided|crooked|lumpy|strange|unnatural|not great)\b/),
  cue(/\bhow many (?:\w+ ){0,3}(?:has|have|does|did) (?:he|she|they|the doctor|the surgeon|your (?:surgeon|doctor|injector|dentist|provider)|the (?:injector|dentist|provider)) (?:actually |personally |really )?(?:do|done|perform|performed|did)\b|\bonly want (?:someone|somebody|a (?:doctor|surgeon|specialist|dentist)) who\b/),
  cue(/\b(?:see|look at|check out) (?:his|her|their|the doctor's|the surgeon's|the injector's) (?:work|results|portfolio|before and afters?)(?: first)?\b|\bhow long (?:have you|has (?:the|this) (?:clinic|office|practice|place)|have you guys) been (?:open|around|in business|doing this)\b/, 1),
  cue(/\b(?:picky|careful|particular|choosy|selective|nervous|wary|fussy) (?:about|with|when it comes to) (?:who|whom|where)\b|\bwho (?:i|we) (?:let|trust|allow) (?:\w+ ){0,2}(?:do|touch|work on|near|inject|operate)\b/),
  cue(/\b(?:chain|franchise|discount|cheap|budget|groupon) (?:places?|clinics?|spas?|offices?|dentists?|outfits?)\b|\b(?:was|been|turned into) a (?:total |complete |real |huge )?(?:disaster|nightmare|mess|fiasco)\b|\b(?:redo|fix|undo|correct) (?:the whole thing|everything|all of it|their work|what they did)\b/, 1),
  cue(/\b(?:trainees?|residents?|interns?|students?|practic(?:e|ing) on (?:me|my|people)|learning on|first timer|new grad)\b/, 1),
  cue(/\bhow (?:many|long|much experience)\b[^.?!]{0,40}\b(?:has|have|does|did|is|been)\b[^.?!]{0,30}\b(?:done|doing|performed|been|practicing|injecting|experience)\b|\bhow (?:long|many years) (?:has|have) (?:he|she|they|the \w+) been\b|\b(?:experience|credentials|qualifications|qualified|certif\w*|licensed|training|trained)\b/, 1),
  cue(/\b(?:does|do|will|would|did) (?:your|the|this|that) (?:doctor|surgeon|dentist|injector|nurse|provider|staff|office|clinic|team|practice)s? (?:actually |really |even |ever )?(?:take (?:\w+ ){0,4}seriously|listen|believe|care)\b|\b(?:laughed at|dismissed|brushed (?:me )?off|blew (?:me )?off|talked down to|ignored) (?:me|my)\b|\b(?:all in my head|didn't take me seriously|didn't listen)\b/),
  cue(/\b(?:mail order|online|diy|at home|cheap|discount|knock ?off|groupon|budget) (?:\w+ )?(?:companies|company|places|clinics|kits?|aligners|brands?|chains?|spas?)\b|\b(?:is|are) (?:this|it|that|you|y'all|you guys|your \w+) (?:like|one of) (?:that|those|them|these)\b/, 1),
  cue(/\b(?:complaints?|licens(?:e|ing) (?:board|website|site)|state (?:medical )?board|medical board|disciplin\w*|lawsuits?|sued|malpractice|violations?|shut down|closed down|track record|never heard of (?:you|your|the)|bedside manner|assembly line|cookie cutter|(?:is|are) (?:you|y'all|you guys|the clinic|this) (?:a )?(?:franchise|chain)|is (?:there )?(?:a|the) doctor (?:on site|there|present|in the building))\b/),
  cue(/\b(?:credentials|qualifications|weekend (?:course|certificate|class)|unqualified|inexperienced|amateurs?|rookies?|scam\w*|shady|sketchy|legit|fly by night|clueless|unprofessional|unsanitary|dirty|cut corners|cutting corners|salesm[ae]n|sales (?:guy|girl|person|people|rep|reps))\b/),
  cue(/\b(?:in and out in|rushed (?:me|us|them|through)|botched|butchered|messed (?:me |it |my \w+ )?up|came out (?:uneven|crooked|lopsided|lumpy|wrong|bad|botched|different)|had to (?:go somewhere else|get it (?:fixed|corrected|dissolved|redone)|have it (?:fixed|corrected|dissolved|redone))|never (?:even )?(?:saw|met|see|spoke to|talked to) (?:the|a|an) (?:actual |real )?(?:doctor|surgeon|dentist|md)|tried to (?:sell|upsell) (?:me|us)|upsold|upsell\w*|(?:been|got) burned|burned out on)\b/),
  cue(new RegExp(`\\b(?:last|another|other|different|previous|the last|my last) ${PLACE}\\b[^.?!]{0,60}\\b(?:rude|rushed|pushy|terrible|awful|horrible|botched|uneven|messed|ruined|unprofessional|sloppy|careless|dirty|didn't listen|never called|lied|upsold|scammed|laughed|dismissed|brushed)\\b`)),
  cue(/\b(?:money grab|cash grab|in it for the money|rip(?:ping)? (?:people|me|you) off|just want (?:my|your|our) money|how do i know (?:you|you're|you guys|this (?:place|clinic)))\b/),
  cue(/\b(?:every|each) (?:place|clinic|office|spa|company) (?:says|claims|swears)\b|\bthey all say\b/, 1),
  cue(/\b(?:this|the) (?:whole )?industry\b|\b(?:these|those) (?:places|clinics|med spas|spas|chains|companies)\b/, 1),
];

// ---------------------------------------------------------------------------------------------
// results-skepticism
const RESULTS: Cue[] = [
  cue(/\b(?:does|do|will|would|did|is|are|can) (?:it|this|that|they|these|those|(?:that|this|the|any of that|any of this) stuff|the (?:treatment|procedure|laser|pills?|shots?|injections?|program|machine|device)|any of (?:it|this|them)) (?:actually |really |even |ever |truly |honestly )(?:\w+ )?(?:work|works|going to work|gonna work|do anything|do much|make (?:a|any|much of a) difference|help|last|fade|go away|come (?:all the way |completely )?(?:off|out)|grow back|stay)\b/),
  cue(/(?<!\b(?:how|when|where|why) )\b(?:does|do|will|would|did|is) (?:it|this|that|they) (?:work|going to work|gonna work|do anything|make (?:a|any) difference|help)\b/, 1),
  cue(/\b(?:not|wasn't|isn't) (?:really |totally |so )?(?:sure|convinced|certain)(?: if| whether| that)?(?! (?:when|what|which|where|how|about|yet)\b)[^.?!]{0,40}\b(?:works?|worked|working|helps?|helped|do anything|does anything|make a difference|makes a difference|last|lasts|worth it|worth doing|worth trying|useful|effective|any good)\b|\b(?:don't|do not|can't|cannot|didn't) (?:really |quite |totally )?(?:believe|buy|trust) (?:it|that|this|any of|the hype|the claims|the results|(?:that )?(?:it|this|they|these|any of (?:it|this|them)) (?:works?|will|would|do|does|actually))\b|\bnot buying it\b/),
  cue(/\b(?:can't|cannot|couldn't|could not|can not) (?:really |even |honestly )?(?:tell|see|notice) (?:any|a|much of a|much|the slightest|a single bit of) (?:\w+ )?(?:difference|change|improvement)\b/),
  cue(anyOf('skeptic\\w*', 'sceptic\\w*', 'dubious', 'not convinced', 'gimmick\\w*', 'too good to be true', 'snake oil', 'hype', 'overhyped', 'a gamble', 'a crapshoot', 'a long shot', 'i doubt', 'doubtful', 'doubts'), 2, { negatable: true }),
  cue(/\b(?:didn't|did not|doesn't|does not|never|don't|do not) (?:really |actually |even )?(?:see|notice|get|have) (?:much|any|a|that much|anything|a difference|results?|a change|any change|much of)\b|\bsaw (?:like )?(?:nothing|no (?:difference|change|results?)|zero)\b|\b(?:looked|look|looks|felt) (?:exactly |pretty much |basically )?the same\b|\bno (?:real )?(?:difference|change|results?|improvement)\b/, 1),
  cue(/\b(?:didn't|did not|doesn't|does not|never|don't|won't) (?:really |actually |even )?(?:work|works|worked|help|helped|do (?:anything|much|a thing|squat|jack|nothing)|did (?:anything|a thing)|do what (?:it|they) (?:say|said|claim))\b|\b(?:did|does|do) (?:nothing|zilch|squat)\b|\bnot (?:a|one) (?:single )?(?:thing|one of them|bit of difference)\b|\b(?:none|nothing|not one|not a single one) of (?:it|them|those|that|this|these)\b[^.?!]{0,30}\b(?:work\w*|help\w*|did|do|difference)\b|\bnothing (?:ever |really )?(?:works?|worked|helps?|helped)\b|\bdid(?:n't| not) (?:make|do) (?:a|any|much of a) difference\b/, 1),
  cue(/\b(?:was |it was |all )?gone (?:in|after|within) (?:like |about |maybe )?(?:a|one|two|three|four|five|six|seven|eight|a few|a couple of?) (?:weeks?|months?|days?)\b|\bwore off\b|\bwears? off\b|\bwearing off\b|\bback (?:in|to) (?:glasses|square one|the same|where)\b|\b(?:a|total|complete|such a) waste\b(?! of money)|\bwaste of time\b|\bonly last(?:s|ed)?\b|\b(?:won't|doesn't|didn't|don't) (?:even )?last\b|\b(?:came|come|comes|coming|grew|grow|grows) (?:right )?back\b|\b(?:came|come|comes|grew) back (?:worse|bigger|thicker|darker)\b|\bback (?:to )?where (?:you|i|we) started\b|\bstill (?:there|visible|see it)\b|\btemporary fix\b|\bband ?aid\b|\bfor a maybe\b/, 1),
  cue(/\bif (?:it|they|this|that|the results?|the fat|the hair) (?:just |only |all |eventually )?(?:wears? off|comes? back|grows? back|fades?|goes away|doesn't last|won't last|doesn't work|won't work|stops working)\b|\bhow (?:do|would|can) (?:i|you|we) know (?:\w+ ){0,3}(?:will|would|is going to|are going to|actually|really|works?|takes?|lasts?)\b|\b(?:any|is there a|do you) (?:guarantee|money back)\b|\bnon ?responders?\b|\b(?:doesn't|didn't|won't) (?:work|take) (?:on|for) (?:me|people like me|everyone)\b|\bwhy (?:bother|even bother)\b|\bplacebo\b/),
  cue(/\b(?:what if|if) (?:i|we) (?:end up )?(?:hate|don't like|do not like|regret|am not happy with|'m not happy with|'m unhappy with)\b|\bstuck with (?:it|them|that)\b|\b(?:doesn't|won't|not|don't) (?:even )?look like (?:me|myself)\b|\blike a different person\b|\b(?:can't|cannot) (?:undo|reverse|take (?:it|that) back)\b|\bwhat if it (?:doesn't|does not|won't|didn't) (?:work|help|take|last)\b|\bif it (?:doesn't|does not|won't) (?:work|help|take)\b/),
  cue(/\b(?:seen|saw|see|heard about|read about) (?:some |a lot of |so many |plenty of )?(?:bad|terrible|awful|weird|botched|horrible|fake looking|disappointing) (?:results?|before and afters?|work|outcomes?|jobs)\b|\b(?:before and afters?|before and after (?:pictures|photos))\b[^.?!]{0,60}\b(?:fake|photoshop\w*|edited|filtered|lighting|don't (?:believe|trust))\b|\bphotoshop\w*\b/),
  cue(/\b(?:seen|saw|see|know|heard (?:about|of)|read about) (?:\w+ ){0,5}(?:who|whose|that|where) (?:\w+ ){0,6}(?:turned|went|came out|ended up|looked|look|looks|got) (?:\w+ ){0,2}(?:bad|weird|awful|terrible|horrible|fake|orange|gray|grey|blue|green|blotchy|patchy|uneven|lumpy|botched|overdone|worse|ruined|crooked|lopsided)\b/),
  cue(/\blook (?:totally |completely |too |so |very |really )?different\b/, 1),
  cue(/\b(?:spend|spending|waste|wasting|pay|paying|put|putting) (?:\w+ ){0,4}(?:again|all over again|a second time|twice)\b/, 1),
  cue(/\b(?:wasted|blew|thrown away|threw away) (?:\w+ ){0,3}(?:money|time|years) (?:on|with)\b/),
  cue(/\b(?:fail(?:ed|s|ure)?|for nothing|for no reason|(?:take|took|taken|had to take) (?:it|them) out|redo (?:it|them)|redone|do (?:it|them) over)\b/, 1),
  cue(/\b(?:blotchy|patchy|lumpy|lopsided|asymmetric\w*|discolored|faded (?:weird|unevenly|fast)|(?:turned|went|came out) (?:\w+ )?(?:orange|gray|grey|blue|green|weird)|didn't take|fell out|lose (?:a bunch of|some of|half|most of) (?:them|the grafts|the hair|it))\b/, 1),
  cue(anyOf('results?', 'effective', 'effectiveness', 'permanent', 'worth (?:it|doing|trying)', "(?:it|they|this|that|results?|it'll|they'll|these|those|the effects?) (?:\\w+ )?last(?:s|ed)?(?! (?:time|week|month|year|night|visit|appointment|one))"), 1, { negatable: true }),
  cue(/\b(?:tried|done|did|been doing|used|spent|went through|paid for)\b[^.?!]{0,50}\b(?:everything|all (?:of )?(?:the|these|those)|so much|so many|a fortune|creams?|serums?|pills?|products|gadgets?|treatments?|sessions|rounds|shampoos?|diets?)\b/, 1),
];

// ---------------------------------------------------------------------------------------------
// other
const OTHER: Cue[] = [
  cue(/\b(?:sales pitch|pushy|pressur(?:e|ed|ing) (?:me|us|into)|(?:feel|felt|feeling|get|got) pressured|pressure tactics|hard sell|hard sale|be sold to|being sold to|get sold|sell me (?:something|stuff|on)|salesy|high pressure|upsold)\b/, 2, { negatable: true }),
  cue(/\b(?:(?:\w+ )?(?:minute|hour|mile)s? (?:drive|away|each way|one way|round trip)|hours? each way|too far|so far|far (?:away|from)|all the way (?:out|over|in|up|down|across)|long drive|a (?:long |real )?trek|(?:don't|do not) (?:have|own) a car|no (?:car|ride|transportation)|can't drive|(?:take|taking) (?:the |two )?(?:bus|buses|train)|a whole production|fly (?:out|in|up|down) (?:there|here|to (?:you|see you))|plane tickets?|flights? and (?:a )?hotel|hotel and)\b/),
  cue(/\b(?:an|one|two|three|four|five|six|\w+ and a half|a couple(?: of)?|several) (?:hours?|miles) (?:away|from (?:you|there|here|your \w+)|each way|one way)\b/),
  cue(/\b(?:an?|one|two|three|four|five|six|\w+ and a half|a couple(?: of)?|several|\w+) (?:hours?|miles) (?:north|south|east|west|outside|out|up|down|past|inland|upstate) (?:of|from) (?:you|there|here|your|the city|town)\b|\b(?:won't|wouldn't|will not|not) be (?:anywhere )?(?:near|close to) (?:you|there|here|the (?:clinic|office))\b|\b(?:moving|relocating|moved|transferred) (?:away|out of state|across the country|to (?:another|a different) (?:state|city))\b/),
  cue(/\b(?:hours?|minutes?|miles?) and a half (?:drive|away|each way|one way|from)\b/),
  cue(/\b(?:moving|relocating|move) to\b|\bway out (?:in|past|by)\b|\bthe drive\b|\bcommute\b/, 1),
  cue(/\b(?:no|don't have (?:a|any)|can't (?:get|find|afford) (?:a|any)) (?:childcare|child care|babysitter|sitter|nanny)\b|\b(?:no ?one|nobody|no-one|not anyone|anybody|anyone) (?:\w+ )?(?:to|who can|who could|that can|that could) (?:watch|take care of|babysit|look after|sit with|drive|stay with|take|pick up) (?:me|her|him|them|the (?:kids|baby|boys|girls)|my|us)\b|\bsingle (?:mom|dad|parent)\b/),
  cue(/\b(?:toddler|baby|newborn|infant|kids?|little ones?) (?:at home|all day|with me)\b|\b(?:drive me (?:home|back)|stay with me|take care of me|live (?:by myself|alone|on my own|solo))\b/, 1),
  cue(/\b(?:need|needs|require\w*|get|have|without) (?:a |the |my )?(?:referral|doctor's note|note from (?:my|a|the) doctor)\b|\breferral (?:from|first|before)\b|\bprior auth\w*\b|\bout of network\b|\b(?:do|does) (?:you|your office|the office) (?:take|accept) (?:my |\w+ )?insurance\b/),
  cue(/\b(?:halal|kosher|vegan|vegetarian|pork|porcine|bovine|gelatin|animal (?:products?|derived|ingredients?)|my (?:faith|religion)|religio\w*|jehovah\w*|blood transfusions?|ramadan|fasting|sabbath)\b/),
  cue(/\b(?:out of state|nowhere near (?:you|there)|(?:hours?|miles|minutes) (?:away|from (?:you|there|here|your \w+))|live (?:\w+ ){0,2}far)\b/, 1),
  cue(/\b(?:card|credit card|debit card|card number|card info\w*|payment info\w*|my (?:card|information|info|social))\b[^.?!]{0,40}\b(?:over the phone|on the phone)\b/),
  cue(/\b(?:deposit|card on file|fraud|identity theft|hacked|scammed|(?:give|giving|put|putting) (?:out |down )?(?:my |a )?(?:card|credit card|card info\w*|card number|information|info|social))\b/, 1, { negatable: true }),
  cue(/\b(?:my english (?:is not|isn't|is not so|not so) (?:so |very |that )?good|(?:speak|speaks|speaking) (?:spanish|english|portuguese|vietnamese|chinese|mandarin|cantonese|korean|arabic|russian|tagalog|french)|interpreter|translator|language barrier)\b/),
  cue(/\b(?:stop calling|keep(?:s)? calling|kept calling|(?:second|third|fourth|fifth|\w+th) time (?:you|you people|you guys|y'all|someone|somebody|they)(?:'ve| have| has)? call\w*|called (?:me )?(?:like )?(?:three|four|five|a bunch of|so many) times|take me off (?:the|your) (?:list|calling list)|do not call|who gave you (?:my|this) number|how did you (?:even )?get (?:my|this) (?:number|info|information|name|email)|(?:never|didn't|did not) (?:fill|filled|sign|signed|request|requested|ask|asked|submit|submitted) (?:out |up )?(?:anything|for (?:this|that|anything|a consult\w*)|any (?:form|request)|a form))\b/),
  cue(/\bnot (?:really |that |too |so )?(?:into|keen on|big on|sold on) (?:it|that|this|the idea|lasers?|needles|surgery|injections?|fillers?|botox|the whole)\b/),
  cue(/\bnot (?:actually |really |even )?(?:interested|in the market|ready to commit)\b|\bnot (?:actually |really )?looking to (?:do|get|book|buy|have) (?:anything|it|that)\b|\bjust (?:browsing|looking|window shopping|shopping around)\b|\bonly (?:put|signed up|entered|gave|filled)\b[^.?!]{0,40}\b(?:coupon|discount|deal|free|giveaway|drawing|contest)\b|\b(?:don't|do not) (?:want|need) (?:to commit|a consult|a consultation|an appointment|to come in)\b/),
];

/** Cues by objection type. */
export const OBJECTION_CUES: Readonly<Record<ObjectionType, readonly Cue[]>> = {
  'cost-value': COST,
  'safety-risk': SAFETY,
  timing: TIMING,
  'social-concerns': SOCIAL,
  'provider-trust': TRUST,
  'results-skepticism': RESULTS,
  other: OTHER,
};

/** Order used to break ties when one sentence scores the same for two types. */
export const TYPE_PRIORITY: readonly ObjectionType[] = ['social-concerns', 'safety-risk', 'provider-trust', 'results-skepticism', 'cost-value', 'timing', 'other'];

/**
 * The caller's stance: worry, doubt, hearsay, reluctance or a concern announced ("my hesitation
 * is"). It carries no topic of its own; it strengthens the topic named in the same or the next
 * sentence ("I'm scared" + "needles").
 */
export const CONCERN_STANCE = new RegExp(
  [
    '\\b(?:worr(?:y|ied|ies|ying)|concern(?:ed|s|ing)?|scar(?:ed|es|y)|terrif(?:ied|ies|ying)|afraid|fear(?:ful|s)?|frighten(?:ed|s|ing)?|nervous|anxious|anxiety|panic\\w*|petrified|uneasy|uncomfortable|hesita\\w*|reluctant|wary|leery|iffy|skittish|on the fence|torn|second thoughts|cold feet)\\b',
    '\\b(?:freak(?:s|ed|ing)? (?:me )?out|weird(?:s|ed)? me out|creep(?:s|ed)? me out|put(?:s|ting)? me off|turn(?:s|ed)? me off|gives? me pause|makes? me (?:shake|sick|nervous|queasy|anxious|uneasy|cringe|shudder|squirm)|heart (?:is )?racing|keeps? me up)\\b',
    "\\b(?:rattled|shaken|shook me|spooked|unnerv\\w*|chicken(?:ed)? out|lost my nerve|backed out|squeamish|queasy|dread\\w*|paranoid|stress(?:es|ed|ing)? (?:me )?(?:out|about)|gives? me the (?:creeps|chills|willies|heebie)|(?:can't|couldn't) (?:handle|stand|stomach)|(?:not|never been) (?:good|great) with|(?:terrible|awful|bad) with|bugs me|bothers me|gets to me|in the back of my mind|i keep (?:thinking|worrying)|here's my thing|my thing is|what (?:bugs|bothers|worries|scares|gets) me|the thing that (?:worries|scares|bugs|bothers) me|i'd rather|nightmare|any chance|is it possible (?:that|to|for)|(?:funny|weird|particular|picky|iffy|touchy|skittish) about|gun shy|gets? in my head|(?:feel|feeling|felt) guilty|guilt|gross(?:es|ed)? me out|icky|creepy|not (?:really |exactly |too |that |super )?(?:eager|excited|thrilled|keen|looking forward)|(?:i|we) (?:just |really |honestly )?(?:can't|cannot|couldn't|won't be able to)|(?:i|we) (?:don't|do not|can't) see how|no way (?:i|we)|not (?:going|gonna) to be able|the (?:only |one )?(?:tricky|hard|difficult|tough|sticky) (?:part|thing|bit)|one (?:other|more) thing|another thing)\\b",
    "\\b(?:what if|what happens if|i(?:'ve)? heard|i(?:'ve)? read(?! up)|i(?:'ve)? seen|i saw (?:online|on|a)|reading online|read online|horror|bummer|disappointing|that sucks|scared me off)\\b",
    "\\b(?:is|will|would|could|might) (?:that|it|this) (?:be |going to be |gonna be )?(?:a problem|an issue|a concern|bad|normal|okay|ok|safe)\\b|\\bshould i be worried\\b|\\b(?:is|are) there (?:any )?(?:risks?|side effects?|downsides?)\\b",
    "\\bmy (?:main |biggest |big |only |one |other |real )?(?:worry|concern|hesitation|fear|issue|problem|hang ?up|reservation|thing) (?:is|was|would be)\\b|\\bthe (?:other |only |main |big |real )?(?:thing|problem|issue|catch) is\\b|\\b(?:that's|that is|here's) the (?:thing|problem|issue)\\b|\\bhang ?ups?\\b",
    "\\b(?:i|we) (?:just |really |honestly )?(?:don't|do not|wouldn't|would not) want (?:to )?\\b|\\b(?:i'd|i would) rather not\\b|\\b(?:i'm|i am) not (?:sure|so sure|convinced|comfortable|crazy about|thrilled)\\b|\\bnot (?:really )?(?:a (?:big |huge )?fan of|keen on|into)\\b|\\bi don't know (?:if|about|whether|that)\\b",
  ].join('|'),
);

/** Worry as an emotion (no hearsay, no doubt): with no topic named, the agent's answer tells what it is about. */
export const WORRY =
  /\b(?:worr(?:y|ied|ies|ying)|scar(?:ed|es|y)|terrif(?:ied|ies|ying)|afraid|frighten(?:ed|s|ing)?|nervous|anxious|panic\w*|petrified|uneasy|uncomfortable|hesita\w*|reluctant|wary|leery|freak(?:s|ed|ing)? (?:me )?out|weird(?:s|ed)? me out|creep(?:s|ed)? me out|put(?:s|ting)? me off|rattled|shaken|shook me|spooked|unnerv\w*|chicken(?:ed)? out|lost my nerve|squeamish|dread\w*)\b/;

/** Fear and hearsay without a named topic ("I read it can come back. That scared me off.") read as a safety worry. */
export const FEAR = /\b(?:scared|scares|terrified|terrifies|afraid|frightened|freak(?:s|ed)? me out|freak(?:ed|ing) out|petrified)\b/;
export const HEARSAY = /\b(?:i've heard|i heard|i read|i've read|i've seen|i saw (?:online|on)|what if|reading (?:online|about))\b/;

/** A money amount. */
export const MONEY_MENTION = /\b(?:bucks|dollars|grand)\b|\$\s?[0-9]|(?<!\bin (?:a |an )?(?:few |couple )?)\b(?:hundred|thousand)\b(?! (?:years|people|patients|times|treatments|cases|procedures|miles|grafts|units|percent))/;

/** Words that put a price on the table (with or without an amount). */
export const PRICE_WORDS =
  /\b(?:price|prices|pricing|cost|costs|costing|fee|fees|charge|runs|financ\w*|a month|per month|monthly|a session|per session|per tooth|per eye|per arch|per area|per syringe|a syringe|a unit|per unit|each|all in|quoted?|deposit|out of pocket|self pay|insurance|covered|coverage)\b/;

/** Shock at a price (counts only when a price is on the table). */
export const PRICE_SHOCK = /\b(?:whoa|woah|wow|yikes|ouch|oof|geez|jeez|good lord|oh my god|oh my gosh|holy|dang|damn|yeesh|sheesh|wait what|seriously|ugh|nah|no way|ridiculous|outrageous|insane|crazy|are you kidding|floored|sticker shock|choke)\b/;

/** A price stated and accepted is not a cost objection. */
export const PRICE_ACCEPTED =
  /\b(?:cheaper|less) than i (?:thought|expected|figured|was expecting)\b|\bnot (?:that|too|so|as) (?:bad|expensive|much)\b|\b(?:reasonable|affordable|not bad|doable|fair price|good price|(?:about|around|close to) what i (?:was )?(?:expected|expecting|thought|figured|budgeted|had in mind)|(?:was )?expecting (?:about |around )?(?:that|around that|about that)|around what i|right around what|pretty much what i|in line with|my favorite price|that's fine|works for me|i can (?:probably )?(?:handle|manage|do|swing|afford) (?:that|it|this))\b/;

/** A topic named only to wave it off: "a little swelling is fine", "that part doesn't bother me". */
export const WAVED_OFF =
  /\b(?:is|are|would be|'s|'d be) (?:totally |completely |perfectly )?(?:fine|okay|ok|no problem|not a problem|no big deal|not a big deal|not an issue|no issue)\b|\b(?:doesn't|does not|don't|do not|wouldn't|won't) (?:really )?(?:bother|worry|scare|concern) me\b|\bi(?:'m| am) (?:fine|okay|ok|good|not worried|not concerned) (?:with|about)\b|\bi don't mind\b|\bno (?:worries|concerns|problem) (?:there|about|with)\b/;

/** In a non-consult call only a reaction to an offer can be an objection (an upsell turned down). */
export const AGENT_OFFER = /\b(?:special|pause|freeze|promo\w*|deal|discount|offer|while i have you|curious|consult(?:ation)?|package|membership|would you like to (?:try|book|add)|interested in)\b/;

/** The agent asking what holds the caller back: the answer is the concern even without a worry word. */
export const AGENT_ASKS_CONCERN =
  /\bwhat(?:'s| is| are| was)? (?:\w+ )?(?:making you|holding you|keeping you|stopping you|worrying you|bothering you|your (?:concerns?|worries|hesitations?|hang ?ups?|questions))\b|\bwhat (?:concerns?|worries|hesitations?|hang ?ups?) (?:do|did|are)\b|\bgo back and forth\b|\bwhat (?:was|is) the other (?:thing|one)\b/;

/** The agent acknowledging a concern before answering it, anywhere in its first sentences. */
export const AGENT_ACKNOWLEDGEMENT =
  /\b(?:i (?:totally |completely |really |definitely |absolutely )?(?:understand|get (?:it|that)|hear (?:you|that))|(?:totally|completely) (?:get|understand) (?:it|that)|(?:that's|that is|it's) (?:a )?(?:totally |completely |really |very )?(?:fair|understandable|valid|legitimate|real|common|normal) (?:concern|worry|question|point|thing to (?:ask|worry|think)|fear)|(?:a )?(?:really |very )?common (?:concern|worry|question|fear)|(?:we|i) (?:hear|get) that (?:a lot|all the time)|(?:number one|most common|biggest) (?:worry|concern|question)|i'm (?:so |really )?sorry (?:to hear (?:that|about (?:that|the|your))|about that|that happened|you had|(?:she|he|they) had)|glad you (?:asked|brought|mentioned|said)|i appreciate you (?:telling|being|sharing|asking|bringing)|not (?:awkward|weird|silly|dumb|a dumb question) at all|that's (?:rough|tough|hard|frustrating|scary)|you're (?:not alone|definitely not the only)|makes total sense (?:to|that)|i know,? it's a (?:lot|big))/;

/** The caller hedging or voicing doubt. */
export const HEDGE = /\b(?:but|honestly|to be honest|the thing is|my (?:worry|concern|problem|issue|question|hesitation)|i'm not sure|i don't know (?:if|about)|the other thing|(?:really|actually|even)\b[^.?!]*\?)/;

/** The agent answering as to a concern: acknowledgement first. */
export const AGENT_EMPATHY =
  /^(?:(?:oh|okay|ok|yeah|yes|mm|hmm|so|well|no|aw|ugh|sure|ha)\W+)*(?:i (?:totally |completely |really |definitely )?(?:understand|get (?:it|that)|hear (?:you|that))|(?:that's|that is|it's) (?:a )?(?:totally |completely |really |very |so |such a )?(?:fair|understandable|valid|common|normal|good question|great question|real concern|important|good thing)|(?:totally|completely) (?:fair|understand|get it|valid|understandable)|i'm (?:so |really )?sorry|i appreciate (?:you|that)|i'm glad you|good (?:question|thing)|great question|fair (?:enough|question|point))/;
