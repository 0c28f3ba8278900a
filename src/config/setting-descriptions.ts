/**
 * One line per setting for the admin guide's settings table, keyed by the path admins write in
 * policy (`[]` = each item of a list, `<key>` = any key of a map). A unit test fails when a setting
 * of the schema has no line here, so the guide cannot fall behind the schema.
 */
export const SETTING_DESCRIPTIONS: Record<string, string> = {
  serviceLevels: 'How quickly each step should happen, in business days.',
  'serviceLevels.firstFollowUpBusinessDays': 'From tracking a referral to its first follow-up, per priority.',
  'serviceLevels.firstFollowUpBusinessDays.routine': 'Routine referrals.',
  'serviceLevels.firstFollowUpBusinessDays.urgent': 'Urgent referrals.',
  'serviceLevels.firstFollowUpBusinessDays.asap': 'ASAP referrals.',
  'serviceLevels.firstFollowUpBusinessDays.stat': 'STAT referrals.',
  'serviceLevels.acknowledgmentBusinessDays':
    'After records are sent, the receiving office should confirm within this.',
  'serviceLevels.afterAppointmentBusinessDays':
    'After an appointment, confirm the visit happened and the report is coming.',
  'serviceLevels.outreachCadenceBusinessDays':
    'Business days to the next try after the 1st, 2nd, 3rd… outreach attempt; the last repeats.',
  reasons:
    'Coded reasons coordinators pick, so delays and closures can be counted. Each list replaces the built-in one.',
  'reasons.delay': 'Why a referral is waiting (waiting-on-info and similar states).',
  'reasons.delay[].code': 'Stable code used in exports and metrics: lowercase letters, digits, dashes.',
  'reasons.delay[].label': 'What coordinators see.',
  'reasons.decline': 'Why a receiving office declined.',
  'reasons.decline[].code': 'Stable code.',
  'reasons.decline[].label': 'What coordinators see.',
  'reasons.close': 'Why a referral closed without the visit happening.',
  'reasons.close[].code': 'Stable code.',
  'reasons.close[].label': 'What coordinators see.',
  calendar: 'Which days count as business days.',
  'calendar.workingDays': 'Working weekdays, 0 = Sunday … 6 = Saturday.',
  'calendar.holidays': 'Closed dates, as YYYY-MM-DD.',
  'calendar.workingHours':
    'Working hours: first deadlines fall due at their end; follow-ups, snoozes and callbacks land inside them.',
  'calendar.workingHours.start': 'Start of the working day, as HH:MM (default 08:00).',
  'calendar.workingHours.end': 'End of the working day, as HH:MM (default 17:00).',
  reminders: 'Follow-up reminders.',
  'reminders.sweepMinutes': 'How often Handoff looks for referrals that are due (1–1440 minutes).',
  retention: 'How long closed referrals keep patient details.',
  'retention.closedReferralDays':
    "Days a closed referral keeps the patient's identifying details (1–3650); then only what the metrics need is kept.",
  organization: 'The practice as scripts name it to patients.',
  'organization.name': 'Practice name, used in scripts as {practiceName}.',
  'organization.phone': 'Referral desk phone, used in scripts as {practicePhone}.',
  'organization.referralDeskHours': 'Opening hours of the referral desk, shown to coordinators.',
  'organization.interpreterLine':
    'The interpreter line coordinators call through, named when a patient needs an interpreter or speaks a language with no approved script.',
  checklists: 'Packet checklists shown in the panel. The list replaces the built-in checklist.',
  'checklists[].id': 'Stable id: lowercase letters, digits, dashes; unique.',
  'checklists[].name': 'Heading of the checklist.',
  'checklists[].appliesTo': 'Which referrals it applies to; all when left out.',
  'checklists[].appliesTo.specialties': 'Specialties, matched ignoring case and accents.',
  'checklists[].items': 'The items, in order; item ids unique within the checklist.',
  'checklists[].items[].id': 'Stable id of the item.',
  'checklists[].items[].label': 'What the coordinator checks.',
  'checklists[].items[].required': 'Whether the packet is incomplete without it.',
  'checklists[].items[].check': 'How the page confirms it; without a check the item is ticked by hand.',
  'checklists[].items[].check.fields': 'Referral fields that must all be read from the page.',
  'checklists[].items[].check.anyFields': 'Referral fields of which at least one must be read.',
  'checklists[].items[].check.pattern': 'A field whose value must match a regular expression.',
  'checklists[].items[].check.pattern.field': 'The referral field.',
  'checklists[].items[].check.pattern.regex': 'The regular expression (case-insensitive).',
  'checklists[].items[].check.selector': 'A CSS selector that must match an element on the page.',
  scripts: 'Approved outreach scripts (any language). The list replaces the built-in scripts.',
  'scripts[].id': 'Stable id; unique.',
  'scripts[].audience': 'Who it is for: patient, receiving-office, referring-office, payer.',
  'scripts[].channel': 'call, voicemail, text, email or letter.',
  'scripts[].language': 'Language tag: en, es, es-MX…',
  'scripts[].title': "Shown to coordinators; an email's subject, a letter's heading.",
  'scripts[].why': 'Why we contact them: must pass the 3-second check (threeSecondRule).',
  'scripts[].step': 'The step to take.',
  'scripts[].help': 'Who can help, with a way to reach them ({practicePhone}).',
  'scripts[].closing': 'Closing line.',
  threeSecondRule: 'The 3-second check every script must pass.',
  'threeSecondRule.openingWordBudget': 'Most words the opening (why) may have.',
  clinicalBoundary: 'How clinical questions are recognised and handed to licensed staff.',
  'clinicalBoundary.contact': 'The clinical contact questions are routed to.',
  'clinicalBoundary.contact.name': 'Who (a team or role).',
  'clinicalBoundary.contact.reach': 'How to reach them.',
  'clinicalBoundary.contact.responseTime': 'When they call back, as said to the patient.',
  'clinicalBoundary.contact.translations': 'The same three texts per language tag.',
  'clinicalBoundary.contact.translations.<key>.name': 'Who, in that language.',
  'clinicalBoundary.contact.translations.<key>.reach': 'How to reach them, in that language.',
  'clinicalBoundary.contact.translations.<key>.responseTime': 'When they call back, in that language.',
  'clinicalBoundary.handOffLine': 'Approved hand-off wording per language tag.',
  'clinicalBoundary.questionCues': 'Phrases that suggest a clinical question, per language tag.',
  'clinicalBoundary.notQuestions': 'Administrative phrases that mute question cues, per language tag.',
  'clinicalBoundary.redFlags': 'Phrases that may mean an emergency, per language tag.',
  'clinicalBoundary.emergencyInstruction': 'Approved emergency instruction per language tag.',
  locale: 'How the EHRs write dates and phone numbers; a profile may set its own.',
  'locale.dateOrder':
    'DMY, MDY or YMD: the order of numeric dates such as 04/05/2026. Unset, a date whose day could be its month is flagged for the coordinator, never guessed.',
  'locale.phoneCountry':
    "Two-letter country of the EHR's national phone numbers (US, AU, GB…). Numbers not valid there are shown as written.",
  'locale.dateFormat':
    'The one format the EHRs write dates in (DD/MM/YYYY, DD-MMM-YYYY, YYYYMMDD…); its day and month order also stands for dateOrder.',
  ehrProfiles: "The organisation's own EHR screen profiles, tried before the built-in ones.",
  'ehrProfiles[].id': 'Stable id; unique.',
  'ehrProfiles[].name': 'Shown in the panel and diagnostics.',
  'ehrProfiles[].matches': 'Match patterns of the pages it applies to (ports are ignored).',
  'ehrProfiles[].detect': 'How a page is recognised as a single referral.',
  'ehrProfiles[].detect.requiredHeading': 'A heading or the title must match this regular expression.',
  'ehrProfiles[].detect.required': 'CSS selectors that must all match.',
  'ehrProfiles[].detect.forbidden': 'CSS selectors that must not match.',
  'ehrProfiles[].detect.cues': 'Weighted hints; their weights add up to the score.',
  'ehrProfiles[].detect.cues[].heading': 'A heading matching this regular expression.',
  'ehrProfiles[].detect.cues[].label': 'A visible label with this text.',
  'ehrProfiles[].detect.cues[].value':
    'With label: the value paired with that label matches this regular expression (Category is Referral).',
  'ehrProfiles[].detect.cues[].text': 'Visible page text matching this regular expression.',
  'ehrProfiles[].detect.cues[].selector': 'A visible element matching this CSS selector.',
  'ehrProfiles[].detect.cues[].hasText':
    'With selector: only elements whose visible text matches this regular expression.',
  'ehrProfiles[].detect.cues[].weight': 'Added to the score when found (negative: against).',
  'ehrProfiles[].detect.threshold': 'Score at which the page counts as a referral.',
  'ehrProfiles[].fields': 'Per referral field (patientName, specialty, reason…), readers tried in order.',
  'ehrProfiles[].fields.<key>[].selector': 'CSS selector of the element holding the value.',
  'ehrProfiles[].fields.<key>[].inputName': 'Name of the form field holding the value.',
  'ehrProfiles[].fields.<key>[].hasText':
    'With selector: the first visible element whose visible text matches this regular expression.',
  'ehrProfiles[].fields.<key>[].column':
    'The cell under the column header with this text (in a list, in the row read).',
  'ehrProfiles[].fields.<key>[].combine':
    'Parts read one by one and joined by a space before pattern and normalise (a name split over two cells).',
  'ehrProfiles[].fields.<key>[].combine[].selector': 'As a reader’s selector.',
  'ehrProfiles[].fields.<key>[].combine[].hasText': 'As a reader’s hasText.',
  'ehrProfiles[].fields.<key>[].combine[].inputName': 'As a reader’s inputName.',
  'ehrProfiles[].fields.<key>[].combine[].labels': 'As a reader’s labels.',
  'ehrProfiles[].fields.<key>[].combine[].column': 'As a reader’s column.',
  'ehrProfiles[].fields.<key>[].combine[].section': 'As a reader’s section.',
  'ehrProfiles[].fields.<key>[].combine[].pattern': 'Keeps part of this part, as a reader’s pattern.',
  'ehrProfiles[].fields.<key>[].combine[].groups': 'As a reader’s groups.',
  'ehrProfiles[].fields.<key>[].labels': 'Label texts the value sits beside.',
  'ehrProfiles[].fields.<key>[].section': 'Only labels under a heading matching this regular expression.',
  'ehrProfiles[].fields.<key>[].pattern': 'Keeps the first group (or the match) of this regular expression.',
  'ehrProfiles[].fields.<key>[].groups':
    'With pattern: the groups kept, in this order, joined by a space ([2, 1] reads "DOE, JANE" as "JANE DOE").',
  'ehrProfiles[].fields.<key>[].normalise':
    'text, date, phone, name, icd10, priority, specialty, identifier or list (list: every row the label pairs with).',
  'ehrProfiles[].fields.<key>[].dateFormat':
    'How this EHR writes this date (DD/MM/YYYY…), over the profile’s.',
  'ehrProfiles[].labelFallback':
    "Also read every field with the built-in label readers, after the profile's own (off by default).",
  'ehrProfiles[].list':
    'The page lists several referrals (worklist, orders table): each row is read on its own and tracked from the panel.',
  'ehrProfiles[].list.rows': 'CSS selector: each visible match is one row.',
  'ehrProfiles[].list.columns':
    'Or: the rows of the table whose header row names all these columns. Neither: a table naming two of patient, specialty, refer-to, priority.',
  'ehrProfiles[].list.typed':
    'true: the table whose columns say what each row is (a type column whose cell names a referral, or a column headed Referral date or Referral type); the page is then recognised only as that list.',
  'ehrProfiles[].list.hasText': 'Only rows whose visible text matches this regular expression are referrals.',
  'ehrProfiles[].list.where': 'Only rows whose cell under a column matches a value are referrals.',
  'ehrProfiles[].list.where.column': 'The column header.',
  'ehrProfiles[].list.where.value': 'Regular expression the cell must match (^referral).',
  'ehrProfiles[].list.pageFields':
    'Fields read once from the whole page for every row (the chart banner’s patient).',
  'ehrProfiles[].locale':
    "This EHR's date order and phone country, when they differ from the organisation's.",
  'ehrProfiles[].locale.dateOrder': 'DMY, MDY or YMD, for this EHR only.',
  'ehrProfiles[].locale.phoneCountry': 'Two-letter phone country, for this EHR only.',
  'ehrProfiles[].locale.dateFormat': 'The date format, for this EHR only.',
  ehrOrigins:
    'EHR sites Handoff runs on, besides the demo EHR: origins such as https://ehr.example.org or https://*.example.org.',
  userSettings: "The organisation's values for coordinators' own settings; each value set here is enforced.",
  'userSettings.name':
    "The coordinator's name, the author of each change (for a single-user kiosk; rarely set by policy).",
  'userSettings.initials': "Initials written in each referral's history (rarely set by policy).",
  'userSettings.quietHours': 'No notifications between start and end (local time; may wrap past midnight).',
  'userSettings.quietHours.start': 'Start, HH:MM.',
  'userSettings.quietHours.end': 'End, HH:MM.',
  'userSettings.panelSide': 'Side of the page the panel opens on: left or right.',
  locks:
    'Settings coordinators cannot change: name, initials, quietHours, panelSide, userEhrOrigins (the sites they may add).',
  signIn:
    "Sign-in with the organisation's identity provider for the team queue (SMART on FHIR, authorization code with PKCE).",
  'signIn.clientId':
    'The public client id Handoff is registered under at the identity provider (never a secret).',
  'signIn.scopes':
    'Scopes asked for, separated by spaces; openid and fhirUser name the coordinator, offline_access keeps them signed in.',
  'signIn.authorizationEndpoint':
    "Authorization endpoint, when the FHIR server's .well-known/smart-configuration does not name one.",
  'signIn.tokenEndpoint':
    "Token endpoint, when the FHIR server's .well-known/smart-configuration does not name one.",
  'signIn.revocationEndpoint': 'Token revocation endpoint (RFC 7009), called on sign-out.',
  'signIn.clearTeamDataOnSignOut':
    "Sign-out removes the team queue's referrals from this computer (on by default: shared workstations).",
  teamQueue:
    "The team's shared referral queue on the organisation's FHIR R4 server. Without fhirBaseUrl and team, nothing leaves the device.",
  'teamQueue.fhirBaseUrl':
    'FHIR R4 base URL, such as https://fhir.example.org/fhir/R4. https only (http for localhost and 127.0.0.1).',
  'teamQueue.team':
    "This desk's tag on every Task it shares (Task.meta.tag); the queue reads only Tasks with it.",
  'teamQueue.team.system': 'URI of the tag system.',
  'teamQueue.team.code': 'The team code: letters, digits, dots, dashes, underscores.',
  'teamQueue.pollSeconds': "How often colleagues' changes are read, in seconds (30–60).",
};
