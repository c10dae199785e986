"""Every line the dialogs send, in one place so wording stays consistent and easy to review."""

from __future__ import annotations

from conversations.i18n import N_, Np_, Plural, Text

WELCOME = N_(
    "Hi{name}! I'm your leg-day recovery coach.\n\n"
    "Every morning I ask what you trained yesterday and how walking feels, then suggest the "
    "right move for today: an easy 15-20 minute jog, no-impact cross-training, a strength and "
    "mobility routine, or rest, and I tell you why.\n\n"
    "{disclaimer}\n\n"
    "A few quick questions to set you up (send /cancel to stop at any point)."
)
WELCOME_BACK = N_(
    "Welcome back{name}! Your settings and history are all still here.\n"
    "Send /checkin for today's suggestion, or /settings to change your answers."
)

ZONE_PROMPT = N_(
    "Which time zone are you in? I need it to reach you at your own morning.\n\n"
    "• tap the button below to share your location, or\n"
    "• type your city or zone, like Berlin or Europe/Berlin, or\n"
    "• type the time on your clock right now, like 14:35."
)
ZONE_INVALID = N_(
    "Sorry, I couldn't place that. Type a city (Berlin), a zone (Europe/Berlin), "
    "or your local time now (14:35), or share your location with the button."
)
ZONE_GUESS = N_(
    "Your clock says {time}. Which of these time zones is yours? If none of them is, type "
    "your city instead."
)
SHARE_LOCATION = N_("📍 Share my location")
ZONE_SET = N_("Time zone set: {zone}.")

# The examples ({example}) are times the question would take: outside the quiet hours, and
# quiet hours that leave the morning check-in free (profile.offered).
MORNING_PROMPT = N_(
    "When should I check in with you each morning? Tap a time or type one, like {example}."
)
RUN_PROMPT = N_(
    "When do you usually go running? I'll use it for jog reminders. Tap a time, type one "
    "(like {example}), or tell me you start runs yourself."
)
TIME_INVALID = N_(
    "That doesn't look like a time. Please type it as HH:MM, like 06:45, or tap a button."
)
RUN_SELF = N_("I start runs myself")
NEW_RUNNER_PROMPT = N_("Are you new to running?")
MUSCLE_PROMPT = N_("Is building muscle your top priority right now?")
COMPRESSION_PROMPT = N_("Do you own compression socks or tights?")
PICK_A_BUTTON = N_("Please pick one of the buttons below.")
# Before the reply to a typed answer taken as a button (conversations.typed): the button it was
# taken for, as its label reads without the emoji, so the user sees what was understood ("2"
# as "Got it: A bit sore."). A tap needs none: the question shows its answer under it.
TYPED_AS = N_("Got it: {answer}.")
# A typed number past the latest keyboard's buttons (conversations.typed.no_such_button): said
# in place of PICK_A_BUTTON or the line for text that names nothing, so the user sees why.
NO_SUCH_BUTTON = Np_(
    "There's no button {number} here, only {count}: tap it, or type its number or its words.",
    "There's no button {number} here, only {count}: tap one, or type its number or its words.",
)
# A typed "why?" while a check-in question waits for its answer (conversations.checkin): there
# is no verdict to explain yet, so what the question is for, by the field it asks, then this.
WHY_THIS_QUESTION: dict[str, Text] = {
    "workout": N_(
        "Why I ask: the workout sets what your legs can take now; a leg day, a race and an "
        "easy run each call for something different."
    ),
    "leg_intensity": N_(
        "Why I ask: the heavier the leg day, the longer the soreness lasts, and the gentler "
        "the next session should be."
    ),
    "overreached": N_(
        "Why I ask: a workout well past what your body is used to leaves more to recover from, "
        "so the advice gets more careful."
    ),
    "walking": N_(
        "Why I ask: how walking feels is the clearest sign of how far your legs have "
        "recovered; pain in a joint, or sharp pain, rules running out."
    ),
    "sharp_pain": N_("Why I ask: sharp or joint pain rules running out, whatever else you said."),
    # The evening's last question (conversations.checkin.TODAY_WORKOUT and its follow-ups).
    "today_workout": N_(
        "Why I ask: training you did today shapes how your legs feel tomorrow, so I count it "
        "tonight and ask after you've slept."
    ),
}
# The evening's last question after midnight, asked of the day the check-in counts for {day}
# (TODAY_WORKOUT_AFTER_MIDNIGHT_PROMPT): "today" and "tomorrow" would each name a day late.
WHY_TODAY_WORKOUT_AFTER_MIDNIGHT = N_(
    "Why I ask: training you did on {day} shapes how your legs feel later today, so I count it "
    "tonight and ask after you've slept."
)
WHY_THIS_QUESTION["today_leg_intensity"] = WHY_THIS_QUESTION["leg_intensity"]
WHY_THIS_QUESTION["today_overreached"] = WHY_THIS_QUESTION["overreached"]
WHY_COMES_WITH_ADVICE = N_("The reasons for my advice come with it, once you have answered.")
# A typed "why?" at a question of set-up or /settings (conversations.profile): what its answer
# changes (shared/recovery-rules.md for the profile's three), then the question again.
WHY_PROFILE_QUESTION: dict[str, Text] = {
    "time_zone": N_(
        "Why I ask: with your time zone I message you at your own morning and count your days "
        "as you live them."
    ),
    "morning_time": N_(
        "Why I ask: at this time each morning I ask how your legs feel, so today's suggestion "
        "is ready before your day starts."
    ),
    "run_time": N_("Why I ask: I remind you of an easy jog around the time you usually run."),
    "new_runner": N_(
        "Why I ask: some advice matters most for new runners, like no-impact cross-training "
        "after a long race."
    ),
    "muscle_priority": N_(
        "Why I ask: if building muscle comes first, I suggest waiting a day after leg day "
        "before running, since running right after slows strength and size gains."
    ),
    "compression_gear": N_(
        "Why I ask: if you own compression gear, I remind you to wear it around your runs; it "
        "helps circulation."
    ),
    "weekly_summary": N_(
        "Why I ask: the summary sums up your week's check-ins and runs in one message."
    ),
    "quiet_hours": N_("Why I ask: in these hours I send nothing on my own, so no push wakes you."),
    "language": N_("Why I ask: I write every message and button in the language you choose."),
}
WHY_SETTINGS_MENU = N_(
    "Why these settings: my suggestions and messages follow them. Tap one to change it."
)

SETUP_DONE = N_(
    "All set! Here is what I know:\n{summary}\n\n"
    "Check in now for today's suggestion, or any time with /checkin. "
    "You can change any answer with /settings."
)
CHECKIN_NOW_BUTTON = N_("Check in now")

NOT_SET_UP = N_("Let's set you up first: send /start. It takes under a minute.")

CHECKIN_REPLACING = N_(
    "You already checked in today: {verdict}. If you answer again, your new answers "
    "replace today's."
)
# 00:00-03:59 the check-in counts for the day before (coach.timing.checkin_day): "today" would
# name the new calendar day, whose check-in is still to come.
CHECKIN_REPLACING_AFTER_MIDNIGHT = N_(
    "You already checked in for {day}: {verdict}. If you answer again, your new answers "
    "replace those."
)
# In the evening (17:00-03:59) of a day checked in before then, a check-in again adds the day's
# own training to that one: its answers (this morning's walking, yesterday's workout) and its
# verdict stay in the record (conversations.checkin._add_evening).
CHECKIN_ADDING = N_(
    "You checked in earlier today: {verdict}. Your answers from then stay as they are; I'll "
    "just ask about today's training."
)
CHECKIN_ADDING_AFTER_MIDNIGHT = N_(
    "You checked in for {day} earlier that day: {verdict}. Your answers from then stay as they "
    "are; I'll just ask about that day's training."
)
# The same once that evening has added the day's training (checkin._add_evening): it is asked
# again, the new answer in place of {workout}, the one told (its button's label); the other
# answers still stand.
CHECKIN_ADDING_AGAIN = N_(
    "You checked in earlier today ({verdict}) and have told me about today's training since: "
    "{workout}. Your other answers stay as they are; I'll just ask about today's training again."
)
CHECKIN_ADDING_AGAIN_AFTER_MIDNIGHT = N_(
    "You checked in for {day} earlier that day ({verdict}) and have told me about that day's "
    "training since: {workout}. Your other answers stay as they are; I'll just ask about that "
    "day's training again."
)
CHECKIN_AFRESH_BUTTON = N_("🔄 Answer everything again")
# The evening of a day checked in earlier, whose session the bot timed: that session was the
# day's training, and the morning's verdict it was done under stays in the record.
CHECKIN_TIMED_DONE = N_(
    "You checked in earlier today ({verdict}), and I timed your session: {session}. That was "
    "today's training, so rest tonight and check in once you've slept: I'll know what you did. "
    "Trained more than that today? Tell me below."
)
CHECKIN_TIMED_DONE_AFTER_MIDNIGHT = N_(
    "You checked in for {day} earlier that day ({verdict}), and I timed your session that day: "
    "{session}. That was the day's training, so get some sleep now and check in once you're "
    "up: I'll know what you did. Trained more than that? Tell me below."
)
CHECKIN_TRAINED_MORE = N_("🏋️ I trained more")
# Typed "nothing" under CHECKIN_TIMED_DONE or its "I trained more" question: nothing to add.
TIMED_SESSION_STAYS = N_(
    "Got it, nothing more: the session I timed stays as the day's training, and I've added "
    "nothing. Rest tonight still stands."
)
WORKOUT_PROMPT = N_("What was your main workout yesterday?")
# 00:00-03:59: the check-in counts for the day before (coach.timing.checkin_day).
WORKOUT_AFTER_MIDNIGHT_PROMPT = N_(
    "It's past midnight, so this check-in still counts for {day}. What was your main workout "
    "the day before, on {before}?"
)
INTENSITY_PROMPT = N_("How hard was the leg day?")
OVERREACH_PROMPT = N_(
    "Did it go well past what your body is used to, meaning much harder or longer than usual?"
)
# Said to a check-in from a release before "much harder than usual" meant overreached, which
# asked the overreach question after it and got "no" (conversations.checkin._answer).
HARD_SESSION_IS_PAST_USUAL = N_(
    "Noted. A session much harder than usual counts as going past what your body is used to, "
    "so I'll go by that."
)
# The evening's last question (17:00-03:59): the check-in's own day's workout, which the next
# day's check-in takes as its answer (conversations.checkin.TODAY_WORKOUT).
TODAY_WORKOUT_PROMPT = N_("Did you train today too?")
# After midnight "today" is the new calendar day: the day the check-in counts for is named.
TODAY_WORKOUT_AFTER_MIDNIGHT_PROMPT = N_("Did you train on {day} too?")
NOTHING_TODAY = N_("😴 No, nothing today")
# The same question after "I trained more" (under a session the bot timed that day): the user
# said they trained, so it asks what else, and offers no "nothing today".
TRAINED_MORE_PROMPT = N_("What else did you train today?")
TRAINED_MORE_AFTER_MIDNIGHT_PROMPT = N_("What else did you train on {day}?")
# The same answer after midnight, when the question names the day by its date ("today" is the
# new calendar day then).
NOTHING_THAT_DAY = N_("😴 No, nothing that day")
WORKOUT_WITH_INTENSITY = N_("{workout} ({intensity})")
# The next day's check-in, which takes that answer instead of asking the workout again.
CHECKIN_TOLD_LAST_NIGHT = N_("Yesterday's workout, as you told me last night: {workout}.")
# The same after midnight, when "yesterday" and "last night" would name other days.
CHECKIN_TOLD_DATED = N_("Your workout on {day}, as you told me that evening: {workout}.")
# A session the bot timed that day, and more training told that evening ("I trained more"):
# both named; {session} as CHECKIN_TIMED names it ("🏃 Easy run (15 min)").
CHECKIN_TOLD_AND_TIMED = N_(
    "Yesterday's workout: {session} on my timer, and as you told me last night: {workout}."
)
CHECKIN_TOLD_AND_TIMED_DATED = N_(
    "Your workout on {day}: {session} on my timer, and as you told me that evening: {workout}."
)
WALKING_PROMPT = N_("How does walking feel this morning?")
WALKING_NOW_PROMPT = N_("How does walking feel now?")
WALKING_AFTER_PAIN_PROMPT = N_(
    "Noted: sharp or joint pain, so no running today. Apart from that pain, how does walking feel?"
)
# From 17:00 the verdict covers tonight and tomorrow (coach.advice.EVENING_HEADLINES).
WALKING_AFTER_PAIN_EVENING_PROMPT = N_(
    "Noted: sharp or joint pain, so no running tonight or tomorrow. Apart from that pain, how "
    "does walking feel?"
)
# After midnight, "tomorrow" could mean either day (coach.advice.NIGHT_HEADLINES).
WALKING_AFTER_PAIN_NIGHT_PROMPT = N_(
    "Noted: sharp or joint pain, so no running tonight or later today. Apart from that pain, how "
    "does walking feel?"
)
# Under the walking question when the check-in before this one reported pain: the safety
# answer is easy to pass over on a day the pain goes unmentioned.
PAIN_YESTERDAY_REMINDER = N_(
    "Yesterday you had sharp or joint pain: if it's still there, tap ⚠️ below."
)
PAIN_EARLIER_REMINDER = N_(
    "At your check-in on {day} you had sharp or joint pain: if it's still there, tap ⚠️ below."
)
# Under a verdict that lets the user run or train, the first check-in after one that told of
# pain (newcomer 16: a green day straight after a joint-pain day said nothing of it).
PAIN_EASING_BACK = N_(
    "🩹 Yesterday you had sharp or joint pain: ease back in gently, and stop at once if it "
    "comes back."
)
PAIN_EASING_BACK_DATED = N_(
    "🩹 On {day} you had sharp or joint pain: ease back in gently, and stop at once if it comes "
    "back."
)
PAIN_PROMPT = N_(
    "One safety check: any sharp pain, or pain in a joint? (Not the usual dull muscle ache.)"
)
REPLACED_NOTE = N_("I replaced today's earlier check-in with these answers.")
REPLACED_NOTE_AFTER_MIDNIGHT = N_("I replaced the earlier check-in for {day} with these answers.")
ADDED_NOTE = N_(
    "I've added this to your check-in from earlier today; your other answers stay as they were."
)
ADDED_NOTE_AFTER_MIDNIGHT = N_(
    "I've added this to your check-in for {day}; your other answers stay as they were."
)
WHY_BUTTON = N_("Why? Both sides")

SETTINGS_MENU = N_("Your settings:\n{summary}\n\nTap what you'd like to change.")
SETTINGS_SAVED = N_("Saved.")
SETTINGS_DONE_BUTTON = N_("Done")
SETTINGS_CLOSED = N_("Settings closed. Send /checkin for today's suggestion.")
SETTINGS_CLOSED_CHECKED_IN = N_("Settings closed. /today shows today's suggestion again.")

CANCELLED = N_("Stopped. Send /checkin or /settings whenever you like.")
CANCELLED_SETUP = N_("Setup paused. Send /start whenever you want to finish it.")
NOTHING_TO_CANCEL = N_("There's nothing to cancel right now. Send /help to see what I can do.")

HELP = N_(
    "Here is what I can do:\n"
    "/checkin - answer two or three questions and get today's recovery suggestion\n"
    "/today - today's suggestion again, with its buttons\n"
    "/jog - start a guided 15-20 minute easy jog with a timer\n"
    "/pause - pause the morning pushes (/pause 3 pauses them for three days)\n"
    "/resume - turn the morning pushes back on\n"
    "/history - your last 14 days, your streak and a soreness chart\n"
    "/export - all your data as CSV and JSON files\n"
    "/delete - erase everything I store about you\n"
    "/settings - change your time zone, times and profile answers\n"
    "/start - set up, or see that your data is still here\n"
    "/cancel - leave the current conversation\n"
    "/help - this list"
)
COMMANDS: tuple[tuple[str, Text], ...] = (
    ("checkin", N_("Today's recovery suggestion")),
    ("today", N_("Show today's suggestion again")),
    ("jog", N_("Start a guided 15-20 minute easy jog")),
    ("pause", N_("Pause morning pushes (/pause 3 for three days)")),
    ("resume", N_("Turn morning pushes back on")),
    ("history", N_("Your last 14 days, streak and chart")),
    ("export", N_("Download all your data (CSV and JSON)")),
    ("delete", N_("Erase everything I store about you")),
    ("settings", N_("Change your time zone, times and answers")),
    ("start", N_("Set up the coach")),
    ("cancel", N_("Leave the current conversation")),
    ("help", N_("What I can do")),
)
UNKNOWN_COMMAND = N_("I don't know {command}. Send /help to see what I can do.")
WHY_NO_VERDICT = N_(
    "No check-in for today yet, so there's no suggestion to explain. Send /checkin: two or "
    "three questions, and I tell you what fits today and why."
)
FREE_TEXT = N_("Sorry, I didn't get that. Send /checkin for today's suggestion or /help.")
# Once today's suggestion is given, "Send /checkin" would only replace it: say where it is.
FREE_TEXT_CHECKED_IN = N_(
    "Sorry, I didn't get that. /today shows today's suggestion again; /help lists what I can do."
)
# Text that names nothing under the latest push asking for the check-in: its buttons come
# again below (the walking answers of a push asking walking first, else "Check in now").
FREE_TEXT_PUSH_WALKING = N_(
    "Sorry, I didn't get that. How does walking feel today? Tap an answer below and I'll "
    "suggest today's move."
)
FREE_TEXT_PUSH = N_(
    "Sorry, I didn't get that. Tap “{button}” below: a few taps, and I'll suggest today's move."
)
# /today: the verdict in force (conversations.verdicts.shown_now), as the check-in's reply
# showed it. Last night's evening check-in covers today until today's own: said first.
TODAY_LAST_NIGHT = N_(
    "Last night's check-in covers today. Legs feel different? Send /checkin to check in again."
)
# Above /today's verdict of a check-in given before the evening of {day}, shown 00:00-03:59:
# its "today" and "tomorrow" were that day's, now over (newcomer 16: "tomorrow" a day late).
TODAY_AFTER_MIDNIGHT = N_(
    "🌙 Past midnight: this is what your check-in on {day} said for that day. Once you've "
    "slept, send /checkin for the new day."
)
# /today while the check-in runs, its question asked again under it.
TODAY_CHECKIN_UNDER_WAY = N_(
    "Your check-in is under way: answer the question below, and today's suggestion follows."
)
TODAY_NONE = N_(
    "No check-in yet today, so there's no suggestion to show. Send /checkin: two or three "
    "questions, and I tell you what fits today and why."
)
# The same when walking is all the check-in still asks (yesterday's workout told last night, or
# known from a file or the timer), as the morning push asks it: its walking answers below.
TODAY_ONE_QUESTION = N_(
    "Today's suggestion is one question away: how does walking feel today? Tap an answer below."
)
# While a jog or routine runs, "/today shows today's suggestion" misses what matters now:
# `running` is the running-timer line (DAY_TIMER_RUNNING, ROUTINE_RUNNING_LEFT), and the
# buttons below are the timer's own (a routine's with its move's "Next move").
FREE_TEXT_TIMER_RUNNING = N_(
    "Sorry, I didn't get that.\n{running}\nTo stop it, tap “{finish}” or “{cancel}” below."
)
FREE_TEXT_NOT_SET_UP = N_("Sorry, I didn't get that. Send /start to set me up, or /help.")
PRIVATE_ONLY = N_("I only coach in private chats. Open a private chat with me to get started.")
EXPIRED = N_("This button has expired.")
PRESSED_ALREADY = N_("Got that already.")  # a second press of the same buttons
EXPIRED_HINT = N_(
    "That button belongs to an older message. Send /checkin to start a fresh check-in."
)
WHY_UNAVAILABLE = N_("Sorry, I couldn't open that right now. Try again in a moment.")
SLOW_DOWN = N_(
    "That's a lot of messages at once! I'll skip the rest of these; "
    "give me a few seconds, then go on."
)
DB_BUSY = N_("I'm a bit busy right now. Please try that again in a moment.")
ERROR = N_(
    "Sorry, something went wrong on my side. Your answers so far are saved; "
    "please try again in a moment."
)

# Pushes
# "Check in now" asks the workout first, then walking (conversations.checkin): the push names
# both questions in that order, so it promises no other first question.
MORNING_PUSH = N_(
    "Good morning! What did you train yesterday, and how does walking feel today? A few taps "
    "and I'll suggest today's move."
)
# Yesterday's check-in reported a heavy leg day, so it was two days ago; the check-in asks
# walking first (conversations.checkin.WALKING_FIRST), and the push names it first.
MORNING_PUSH_PEAK = N_(
    "Good morning! Two days after a heavy leg day, soreness can still be peaking. How does "
    "walking feel today, and what did you train yesterday? A few taps and I'll suggest today's "
    "move."
)
# Last night's check-in was told yesterday's workout too ("did you train today too?"): its
# verdict went for the night only, and the check-in asks walking only.
MORNING_PUSH_TOLD = N_(
    "Good morning! Last night you told me what you trained yesterday: {workout}. How does walking "
    "feel this morning? Check in and I'll suggest today's move."
)
# The same when the workout told was the one the bot timed that day, or when the bot knows it
# without asking from the timer (conversations.checkin.yesterday_known): {said} is the line the
# check-in it starts says ("Yesterday's workout, from the run I timed: 🏃 Easy run (15
# min).").
MORNING_PUSH_TIMED = N_(
    "Good morning! {said} How does walking feel this morning? Check in and I'll suggest today's "
    "move."
)
# The same two days after a heavy leg day (MORNING_PUSH_PEAK), yesterday's workout known.
MORNING_PUSH_KNOWN_PEAK = N_(
    "Good morning! {said} Soreness often peaks one to three days after a heavy leg day: how does "
    "walking feel this morning? Check in and I'll suggest today's move."
)
MORNING_PUSH_TOLD_PEAK = N_(
    "Good morning! Last night you told me what you trained yesterday: {workout}. Soreness often "
    "peaks one to three days after a heavy leg day: how does walking feel this morning? Check in "
    "and I'll suggest today's move."
)
# After an evening check-in (coach.timing.covers_next_day): its verdict covers all of today,
# until the user checks in again.
MORNING_COVERED = N_(
    "Good morning! Last night's check-in covers today: {verdict}.\n\n{headline}\n\n"
    "Legs feel different from last night? Check in again."
)
MORNING_COVERED_PEAK = N_(
    "Good morning! Last night's check-in covers today: {verdict}.\n\n{headline}\n\n"
    "After a heavy leg day, soreness often peaks one to three days later: if walking feels "
    "worse than last night, check in again."
)
# After a rest for pain: only the pain gone would change it (its "What would change it" line).
MORNING_COVERED_PAIN = N_(
    "Good morning! Last night's check-in covers today: {verdict}.\n\n{headline}\n\n"
    "If the pain has gone since last night, check in again."
)
CHECKIN_AGAIN_BUTTON = N_("Legs feel different: check in")
FOLLOW_UP = N_("Still want today's suggestion? It only takes a few taps.")
PAUSE_BUTTON = N_("Pause pushes")
CHANGE_TIME_BUTTON = N_("Change time")
WEEKLY_OFF_BUTTON = N_("Stop weekly summaries")
WEEKLY_OFF = N_("Weekly summaries are off. You can turn them back on in /settings.")
GEAR_CUES_OFF_BUTTON = N_("No more of these")
GEAR_CUES_OFF = N_(
    "Got it: no more reminders about compression gear. If you start wearing it again, say so "
    "in /settings."
)
LANGUAGE_PROMPT = N_("Which language should I speak?")
QUIET_PROMPT = N_(
    "Quiet hours: when should I never message you on my own? Tap a range or type one, like "
    "{example}. Timers you start yourself still come on time; a reminder that would fall in "
    "them comes when they end."
)
QUIET_INVALID = N_(
    "That doesn't look like a range of hours. Please type it as HH:MM-HH:MM, like 22:00-06:00, "
    "or tap a button."
)
QUIET_NONE = N_("No quiet hours")
QUIET_RANGE = N_("{start}-{end}")
MORNING_IN_QUIET = N_(
    "{time} falls in your quiet hours ({start}-{end}), when I send nothing. "
    "Please pick a morning time outside them."
)
QUIET_COVERS_MORNING = N_(
    "Those quiet hours would cover your morning check-in at {time}. Change the morning time "
    "first, or pick quiet hours that leave it free."
)
PAUSED = N_("Morning pushes are paused. Send /resume to turn them back on.")
PAUSED_DAYS = Np_(
    "Morning pushes are paused for {days} day; they come back by themselves on {day}. "
    "Send /resume to bring them back sooner.",
    "Morning pushes are paused for {days} days; they come back by themselves on {day}. "
    "Send /resume to bring them back sooner.",
)
PAUSE_INVALID = N_(
    "Send /pause to pause until /resume, or /pause 3 to pause for three days (1-60)."
)
RESUMED = N_("Morning pushes are on. The next one comes on {day} at {time}.")
RESUMED_UNDATED = N_("Morning pushes are on.")
PUSHES_ON = N_("on")
PUSHES_PAUSED = N_("paused until you /resume")
PUSHES_PAUSED_UNTIL = N_("paused, back on {day}")

# The jog and its timer
MINUTES_SHORT = N_("{minutes} min")
START_15 = N_("Start 15 min")
START_20 = N_("Start 20 min")
REMIND_AT = N_("Remind me at {time}")
REMIND_IN_HOUR = N_("Remind me in 1 hour")
NOT_TODAY = N_("Not today")
SNOOZE_BUTTON = N_("Snooze 30 min")
FINISH_EARLY = N_("Finish early")
CANCEL_RUN = N_("Cancel")
JOG_ASK = N_("Ready for an easy run? How long would you like to go?")
# /jog after the day's session is done (conversations.jog.run_settled): before the offer.
JOG_DONE_ALREADY = N_("That was today's session; a second one adds little, but it's your call.")
# /jog while today's check-in is open and has heard of pain (the verdict to come is no run).
JOG_PAIN_IN_OPEN_CHECKIN = N_(
    "You told me of sharp or joint pain in the check-in you've started, so no running for now. "
    "Finish the check-in above for the rest of my advice."
)
# A press on the jog offer or a reminder of an earlier day (conversations.jog.stale_press).
STALE_YESTERDAY = N_("That suggestion was for yesterday, so I left it alone.")
STALE_EARLIER = N_("That suggestion was for an earlier day, so I left it alone.")
STALE_TODAYS = N_("Here is what fits today:")
STALE_CHECK_IN = N_("Check in for today first, and I'll suggest what fits today.")
JOG_NOT_TODAY = N_("Your check-in said no run ({drivers}). Start the timer anyway?")
# Before the check-in of the day after an evening's rest tonight after an overreach that day
# (conversations.verdicts.rest_day_said): what that evening said of today, at /jog and on a
# jog reminder, asked as a no-run verdict is (JOG_NOT_TODAY); and at /today, above its question.
REST_DAY_SAID = N_("Last night I said today is a rest day too, after yesterday's hard session.")
START_ANYWAY_ASK = N_("Start the timer anyway?")
# Each says what its check-in advised (coach.advice: rule 6's "Only if you must: a very short,
# very easy run. Better: cross-train.", rule 8's "Stick to your plan, at an easy effort") and no
# order of its own: "the gentler option comes first" was an order no check-in gave.
JOG_ASK_GENTLY = N_(
    "Your check-in said cross-training is the better choice: easy cycling or pool running. If "
    "you do run, keep it very short and very easy."
)
# After "train as planned, but gently" (rule 8 on sore legs): the plan's run, shorter, first.
JOG_ASK_PLANNED = N_(
    "Your check-in said to stick to your plan, at an easy effort: a short, very easy run, or "
    "easy cycling or pool running if you'd rather."
)
START_CROSS_15 = N_("🚲 Cross-train 15 min")
START_JOG_15 = N_("🏃 Very easy jog 15 min")
JOG_NOT_TODAY_CROSS = N_(
    "Your check-in said no run ({drivers}), but easy cross-training is on: cycling or pool "
    "running, no pounding. Run anyway only if you are sure."
)
JOG_NOT_TONIGHT_CROSS = N_(
    "Your check-in said no run ({drivers}), and this late not even cross-training: sleep now, "
    "and check in once you've slept. Start the timer anyway?"
)
JOG_NOT_TODAY_MOBILITY = N_(
    "Your check-in said no running or cardio ({drivers}): a gentle strength and mobility "
    "routine instead. Run anyway only if you are sure."
)
START_CROSS_20 = N_("🚲 Cross-train 20 min")
MOBILITY_BUTTON = N_("🧘 Strength and mobility routine")
MOBILITY_HEAD = N_("Today's strength and mobility routine:")
# The routine of rule 2 (conversations.coach.routine), move by move.
ROUTINE_INTRO = N_(
    "About {minutes} minutes, slow and gentle. No running, no cardio workout and no held "
    "stretches; leave out any move that hurts."
)
ROUTINE_PARTS: dict[str, Text] = {
    "strength": N_("Strength, light and slow:"),
    "mobility": N_("Mobility, moving gently, never holding a stretch:"),
}
ROUTINE_REPS = Np_("{count} rep", "{count} reps")
ROUTINE_SETS = Np_("{sets} set of {reps}", "{sets} sets of {reps}")
ROUTINE_PER_SIDE = N_("{dose} per side")
ROUTINE_SLOT = N_("{minutes} min")
ROUTINE_LINE = N_("{number}. {move}: {dose} ({length})")
ROUTINE_GUIDE_BUTTON = N_("▶️ Guide me through it ({minutes} min)")
ROUTINE_GUIDE_HINT = N_("I can guide you through it: one move at a time, each when it's due.")
ROUTINE_STARTED = N_(
    "Routine on: {count} moves in {minutes} minutes. I'll send each move when it's time; go "
    "slowly and skip any that hurts."
)
ROUTINE_NEXT_BUTTON = N_("⏭ Next move")
# "Next move" under a move whose next one has come already (a late press, or the timer's cue).
ROUTINE_PAST_MOVE = N_("That move is behind you already: the next one is here.")
ROUTINE_MOVE = N_("Move {number} of {count}: {move}, {dose}.\n{how}")
# {minutes}: the minutes actually spent, fewer than planned when "Next move" skipped ahead.
ROUTINE_DONE = Np_(
    "Routine done: {minutes} minute of strength and mobility. Well done! Walk around easily "
    "for a minute, keep moving gently through the day, and check in tomorrow to see whether "
    "walking is easier.",
    "Routine done: {minutes} minutes of strength and mobility. Well done! Walk around easily "
    "for a minute, keep moving gently through the day, and check in tomorrow to see whether "
    "walking is easier.",
)
ROUTINE_STOPPED = Np_(
    "Stopped after {minutes} minute of the routine. That still counts: gentle movement helps "
    "tight legs. Walk around easily for a minute.",
    "Stopped after {minutes} minutes of the routine. That still counts: gentle movement helps "
    "tight legs. Walk around easily for a minute.",
)
ROUTINE_STOPPED_AT_ONCE = N_(
    "Stopped before the first minute was up, so there's nothing to record. No worries: "
    "listening to your body is part of training."
)
# A routine button pressed after a later check-in advised something else, or on a later day.
ROUTINE_NOT_TODAY = N_(
    "That routine went with an earlier check-in, when walking was hard. Today's check-in says "
    "otherwise: /jog shows what fits today."
)
ROUTINE_CHECK_IN_FIRST = N_(
    "That routine went with an earlier check-in, when walking was hard. Check in first "
    "(/checkin), so I can tell whether it still fits today."
)
RUN_ANYWAY = N_("🏃 Run {minutes} min anyway")
# A session is running: what it is and how long it has to go, never a second timer.
RUNNING_WARM_UP = Np_(
    "⏱ {kind} ({planned} min) is under way: warm-up now, the main part starts in {minutes} "
    "minute. No second timer while this one runs.",
    "⏱ {kind} ({planned} min) is under way: warm-up now, the main part starts in {minutes} "
    "minutes. No second timer while this one runs.",
)
RUNNING_LEFT = Np_(
    "⏱ {kind} ({planned} min) is under way: {minutes} minute to go. No second timer while "
    "this one runs.",
    "⏱ {kind} ({planned} min) is under way: {minutes} minutes to go. No second timer while "
    "this one runs.",
)
# A routine has no warm-up, and is no timer to the user: the moves come one by one.
ROUTINE_RUNNING_LEFT = Np_(
    "🧘 Your strength and mobility routine ({planned} min) is under way: {minutes} minute to "
    "go. One thing at a time: carry on with it, or stop it before starting anything else.",
    "🧘 Your strength and mobility routine ({planned} min) is under way: {minutes} minutes to "
    "go. One thing at a time: carry on with it, or stop it before starting anything else.",
)
REMIND_SET = N_("OK, I'll remind you at {time}.")
# A reminder asked for a moment in the quiet hours comes when they end (conversations.jog).
REMIND_MOVED = N_(
    "{asked} falls in your quiet hours, when I send nothing, so I'll remind you when they end, "
    "at {time}."
)
# The same when the quiet hours end on the next calendar day: "at 06:00" alone reads as today.
REMIND_MOVED_TOMORROW = N_(
    "{asked} falls in your quiet hours, when I send nothing, so I'll remind you when they end, "
    "tomorrow at {time}."
)
# A reminder that, moved out of the quiet hours, would come on a day the verdict does not speak
# for (one for tonight only, or a morning's): none is set (conversations.jog.on_remind).
REMIND_PAST_VERDICT = N_(
    "{asked} falls in your quiet hours, and this suggestion ends before they do, so I haven't "
    "set a reminder. Your next check-in will say what suits the next day."
)
# What a push under a verdict says of the day's run when the user already settled it
# (conversations.jog.run_settled), in place of offering a reminder again.
DAY_RUN_DONE = N_("✅ Done today: {kind}, {minutes} min.")
DAY_REMINDER_SET = N_("⏰ Reminder set for {time}.")
DAY_RUN_SKIPPED = N_("😴 Not today, as you said: no reminder.")
# A session the user started runs as the push arrives (perhaps against the verdict above).
DAY_TIMER_RUNNING = N_("⏱ Your timer is running: its cues keep coming.")
# Its end passed unseen: the bot was down, or its question after that waits unanswered.
DAY_TIMER_RAN_OUT = N_("⏱ Your timer ran out at {time}. Send /jog to tell me how it went.")
SKIPPED = N_("OK, no session today. Rest is part of training too.")
# "Not today" once a session of the day is done (conversations.jog.on_skip): "no session today"
# minutes after a logged run read as if the bot had lost it.
SKIPPED_AFTER_DONE = Np_(
    "OK, nothing more today: you've done your {minutes} minute. Rest is part of training too.",
    "OK, nothing more today: you've done your {minutes} minutes. Rest is part of training too.",
)
# /jog while the day's last session still waits for "How did it feel?": asked again, with its
# buttons, before any new offer (a new offer's keyboard hid it, and a typed "3" missed it).
FEELING_ASKED_AGAIN = N_(
    "{done} You haven't told me yet: how did it feel? Then /jog offers another session, if you "
    "want one."
)
REMINDER = {
    "jog": N_("Time for your easy jog! Ready?"),
    "cross": N_("Time for your easy cross-training! Ready?"),
}
WARM_UP = {
    "jog": (
        N_(
            "Timer on: a 5-minute warm-up, then {minutes} minutes of easy running.\n\n"
            "Warm up now: walk briskly, then leg swings, walking lunges, high knees and butt "
            "kicks. I'll tell you when to start running."
        )
    ),
    "cross": (
        N_(
            "Timer on: a 5-minute warm-up, then {minutes} minutes of easy pool running or "
            "cycling.\n\nWarm up now: a few minutes of very easy pedalling or walking in the "
            "water, plus some leg swings. I'll tell you when to begin."
        )
    ),
}
CUES = {
    "jog": {
        "go": (
            N_(
                "Go! Start with a light jog, then settle at a pace where you could still chat. "
                "No sprinting today."
            )
        ),
        "halfway": N_("Halfway there. Still able to chat? Then your pace is just right."),
    },
    "cross": {
        "go": N_("Go! Keep it slow and comfortable the whole time; ease off if it feels hard."),
        "halfway": N_("Halfway there. Slow and comfortable is the goal."),
    },
}
TIME_UP = N_(
    "Time's up: {minutes} minutes done, well done! Cool down with a few minutes of easy walking, "
    "then stretch your calves, thighs and hips.\n\nHow did it feel?"
)
# The minutes of the run itself (conversations.jog.minutes_done): "Finished after 7 minutes"
# read as the whole session, and the same as a finished one (newcomer).
FINISHED_EARLY = Np_(
    "Stopped after {minutes} minute of the {planned} planned, not counting the warm-up. Cool "
    "down with a few minutes of easy walking, then stretch your calves, thighs and hips.\n\n"
    "How did it feel?",
    "Stopped after {minutes} minutes of the {planned} planned, not counting the warm-up. Cool "
    "down with a few minutes of easy walking, then stretch your calves, thighs and hips.\n\n"
    "How did it feel?",
)
RUN_CANCELLED = N_("Timer cancelled. No worries: listening to your body is part of training.")
# "Finish early" before the run began: nothing to record, and "cancelled" is not what was pressed.
FINISHED_IN_WARM_UP = N_(
    "Stopped during the warm-up, so there's no session to record. No worries: listening to your "
    "body is part of training."
)
RUN_OVER = N_("That session is already over.")
# Time's up fell while the bot was down (conversations.jog.ended_offline): asked on its return,
# or at /jog, so that the record keeps what was done. {time}: the planned end, local.
ENDED_OFFLINE: dict[str, Text] = {
    "jog": N_(
        "Your {minutes}-minute easy jog should have ended at {time}, while I was offline, so I "
        "couldn't tell you time was up. Did you run it?"
    ),
    "cross": N_(
        "Your {minutes}-minute cross-training session should have ended at {time}, while I was "
        "offline, so I couldn't tell you time was up. Did you do it?"
    ),
    "routine": N_(
        "Your {minutes}-minute strength and mobility routine should have ended at {time}, while "
        "I was offline, so I couldn't tell you it was over. Did you do it?"
    ),
}
# The same when the question comes on a later local day than the session's end (it is asked
# for ENDED_OFFLINE_GRACE at most, so that day is yesterday): a bare time read as today's.
ENDED_OFFLINE_YESTERDAY: dict[str, Text] = {
    "jog": N_(
        "Your {minutes}-minute easy jog should have ended yesterday at {time}, while I was "
        "offline, so I couldn't tell you time was up. Did you run it?"
    ),
    "cross": N_(
        "Your {minutes}-minute cross-training session should have ended yesterday at {time}, "
        "while I was offline, so I couldn't tell you time was up. Did you do it?"
    ),
    "routine": N_(
        "Your {minutes}-minute strength and mobility routine should have ended yesterday at "
        "{time}, while I was offline, so I couldn't tell you it was over. Did you do it?"
    ),
}
ENDED_OFFLINE_ALL = N_("Yes, all of it")
ENDED_OFFLINE_YES = N_("Yes")  # the routine's: done all through
ENDED_OFFLINE_EARLY = N_("Stopped early")
ENDED_OFFLINE_NO = N_("No")
ENDED_OFFLINE_HOW_LONG = N_("About how many minutes did you do?")
ENDED_OFFLINE_NOTED = Np_(
    "Noted: {minutes} minute, now in your record. If you haven't yet, cool down with a few "
    "minutes of easy walking and stretch your calves, thighs and hips.\n\nHow did it feel?",
    "Noted: {minutes} minutes, now in your record. If you haven't yet, cool down with a few "
    "minutes of easy walking and stretch your calves, thighs and hips.\n\nHow did it feel?",
)
ROUTINE_ENDED_OFFLINE_NOTED = Np_(
    "Noted: {minutes} minute of strength and mobility, now in your record. Keep moving gently "
    "through the day, and check in tomorrow to see whether walking is easier.",
    "Noted: {minutes} minutes of strength and mobility, now in your record. Keep moving gently "
    "through the day, and check in tomorrow to see whether walking is easier.",
)
ENDED_OFFLINE_NOT_DONE = N_("OK, noted: no session this time. Rest is part of training too.")
ENDED_OFFLINE_TOLD = N_("You've told me about that session already.")
COMPRESSION_OFF = N_(
    "It's been about two hours since your session: you can take off your compression socks or "
    "tights now."
)
JOG_KINDS: dict[str, Text] = {
    "jog": N_("Easy jog"),
    "cross": N_("Cross-training"),
    "routine": N_("Strength and mobility routine"),
}
# A jog session's stored status in words, for /export.
JOG_STATUSES: dict[str, Text] = {
    "running": N_("still running"),
    "completed": N_("finished"),
    # The row is there (when it started, what was planned): only the run's minutes may not be.
    "cancelled": N_("cancelled"),
    "missed": N_("time ran out while I was offline"),
}
# A session finished with fewer minutes than planned, as the export says it (FINISHED_EARLY).
STOPPED_AFTER = Np_(
    "stopped after {minutes} minute of the {planned} planned, not counting the warm-up",
    "stopped after {minutes} minutes of the {planned} planned, not counting the warm-up",
)
# A cancelled session with minutes run before it was stopped.
CANCELLED_AFTER = Np_("cancelled after {count} minute", "cancelled after {count} minutes")
# A session ended with no minutes to record, said as the chat said it when "Finish early"
# ended it (FINISHED_IN_WARM_UP, ROUTINE_STOPPED_AT_ONCE); the row cannot tell that button from
# "Cancel", so these say when it ended, true of either.
STOPPED_IN_WARM_UP = N_("stopped during the warm-up")
STOPPED_AT_ONCE = N_("stopped after under a minute")
FEELINGS: tuple[tuple[Text, str], ...] = (
    (N_("Too easy"), "easy"),
    (N_("Just right"), "right"),
    (N_("Tough"), "tough"),
)
FEELING_REPLIES: dict[str, Text] = {
    "easy": N_(
        "Noted! Too easy is fine for a recovery session: its job is blood flow, not fitness. "
        "Keep the pace; when your legs are fresh, your plan can ask for more."
    ),
    "right": N_("Noted: just right is exactly the aim. Same pace next time. Rest well!"),
}
# "Tough", after a session longer than {minutes}: stop there next time, or go slower.
TOUGH_SHORTER: dict[str, Plural] = {
    "jog": Np_(
        "Noted. A recovery run shouldn't feel tough, so next time change one thing: stop at "
        "{minutes} minute, go slower (slow enough to chat), or cross-train on a bike or in the "
        "pool instead.",
        "Noted. A recovery run shouldn't feel tough, so next time change one thing: stop at "
        "{minutes} minutes, go slower (slow enough to chat), or cross-train on a bike or in the "
        "pool instead.",
    ),
    # The timer's run on a day whose verdict was no recovery one (a plan kept, no check-in, a
    # no-run day run anyway): an easy run all the same, as the timer guides it.
    "run": Np_(
        "Noted. An easy run shouldn't feel tough, so next time change one thing: stop at "
        "{minutes} minute, go slower (slow enough to chat), or cross-train on a bike or in the "
        "pool instead.",
        "Noted. An easy run shouldn't feel tough, so next time change one thing: stop at "
        "{minutes} minutes, go slower (slow enough to chat), or cross-train on a bike or in the "
        "pool instead.",
    ),
    "cross": Np_(
        "Noted. Recovery cross-training shouldn't feel tough, so next time change one thing: "
        "stop at {minutes} minute, or pedal or move more gently (slow enough to chat).",
        "Noted. Recovery cross-training shouldn't feel tough, so next time change one thing: "
        "stop at {minutes} minutes, or pedal or move more gently (slow enough to chat).",
    ),
}
# "Tough", after a session already as short as the timer goes: slower, or something gentler.
TOUGH_SLOWER: dict[str, Text] = {
    "jog": N_(
        "Noted. A recovery run shouldn't feel tough, so next time go slower (slow enough to "
        "chat), or cross-train on a bike or in the pool instead."
    ),
    "run": N_(
        "Noted. An easy run shouldn't feel tough, so next time go slower (slow enough to chat), "
        "or cross-train on a bike or in the pool instead."
    ),
    "cross": N_(
        "Noted. Recovery cross-training shouldn't feel tough, so next time pedal or move more "
        "gently (slow enough to chat), or make it a rest day if your legs still feel heavy."
    ),
}

# Looking back, and the user's data
HISTORY_EMPTY = N_(
    "Nothing to look back on yet. Check in for a few days (/checkin) and your history, "
    "streak and chart appear here."
)
HISTORY_HEAD = N_("Your last 14 days")
# A record younger than the table's 14 days: its table starts on {day}, the first day with a
# check-in or a session (a date, "3 Nov"), and the count is of check-ins, the rows a user reads
# as their record (a count of calendar days read as one of check-ins, issue 13).
HISTORY_HEAD_SO_FAR = Np_("Since {day}: {count} check-in", "Since {day}: {count} check-ins")
# The Mini App's button under /history and the chat's menu button (bot.webapp serves it).
OPEN_RECORD = N_("Open my record")
STREAK = Np_("Check-in streak: {days} day in a row.", "Check-in streak: {days} days in a row.")
STREAK_COVERED = Np_(
    "Check-in streak: {days} day covered in a row (an evening check-in covers the next morning).",
    "Check-in streak: {days} days covered in a row (an evening check-in covers the next morning).",
)
# One day (or none) is no streak yet: "1 day in a row" reads as a form filling in a count.
STREAK_FROM = 2


def streak_line(days: int, spanned: int | None = None) -> str:
    """The streak line for `days` consecutive days with a check-in (coach.history.streak), in
    the current language; "" below STREAK_FROM, where there is no run of days to name. A run
    that `spanned` more days than it has check-ins (coach.history.streak_run: mornings covered
    by the evening before) counts the days and says why, as "{days} days in a row" over a
    day without a check-in read as a miscount."""
    if spanned is not None and spanned > days:
        return STREAK_COVERED.format(spanned, days=spanned)
    return STREAK.format(days, days=days) if days >= STREAK_FROM else ""


# Check-ins come at any time of day (an evening one too), so no text says "morning".
CHART_CAPTION = N_(
    "How walking felt at each check-in over the last 8 weeks, with leg days, easy jogs, "
    "cross-training and pain marked."
)
EXPORT_CAPTIONS = {
    "checkins": N_("Your check-ins, one row per day (CSV)."),
    "jogs": N_("Your guided jogs and cross-training sessions (CSV)."),
    "activities": N_("The activity files you sent, as I read them (CSV)."),
    "json": N_("Everything I store about you, in one JSON file."),
}
DELETE_CONFIRM = N_(
    "This erases everything I store about you: your settings, check-ins, runs, activity files "
    "and scheduled messages. It can't be undone. Erase it all?"
)
DELETE_YES = N_("Yes, erase everything")
DELETE_NO = N_("No, keep my data")
DELETED = N_(
    "Done: everything I stored about you is erased. Send /start if you ever want to begin again."
)
DELETE_KEPT = N_("Nothing was erased.")
# A typed "yes" never erases (keyboards.NEVER_BY_YES): the confirmation is asked again.
DELETE_TAP_TO_CONFIRM = N_(
    "Erasing can't be undone, so a typed yes doesn't do it: to erase everything, tap “{button}” "
    "below."
)
WEEKLY_PROMPT = N_("Shall I send you a short summary of your week every Sunday evening?")

# Activity files (conversations.activities)
ACTIVITY_SUMMARY = N_("{sport}, {day} {time}: {details}.")
ACTIVITY_KM = N_("{km} km")
ACTIVITY_MOVING = N_("{time} moving")
ACTIVITY_MINUTES = N_("{minutes} min")
ACTIVITY_HR = N_("avg heart rate {bpm} bpm")
ACTIVITY_VERDICT = N_("It {label} {purpose}: {reason}.")
ACTIVITY_FOR_TODAY = N_("for today's check-in")
ACTIVITY_FOR_TOMORROW = N_("for tomorrow's check-in")
ACTIVITY_FOR_HISTORY = N_("in your history")
# After midnight, when the check-in's day is yesterday on the user's clock (a file of that day or
# the one before): "today's" or "tomorrow's" check-in would name the wrong one.
ACTIVITY_FOR_NEXT_CHECKIN = N_("for your next check-in")
ACTIVITY_ASK_LEGS = N_("A strength session: was it legs?")
ACTIVITY_LEGS_YES = N_("🦵 Yes, legs")
ACTIVITY_LEGS_NO = N_("No, not legs")
ACTIVITY_LEGS_NOTED = N_("Noted: it counts as leg day.")
ACTIVITY_NOT_LEGS_NOTED = N_("Noted: it counts as other training.")
# The answer to "was it legs?" for a file of a day whose evening check-in told that day's
# workout otherwise: that answer stands (ACTIVITY_EVENING_KEPT follows), so no "it counts as".
ACTIVITY_LEGS_KEPT = N_("Noted: it was legs.")
ACTIVITY_NOT_LEGS_KEPT = N_("Noted: it was not legs.")
ACTIVITY_TOO_OLD = N_(
    "It's more than {days} days old: I keep it in your history, but it doesn't change any advice."
)
ACTIVITY_NOT_ACTIVITY = N_(
    "That isn't an activity file. Send a .fit, .tcx or .gpx file (gzipped is fine) from your "
    "watch or app."
)
ACTIVITY_CORRUPT_FIT = N_("That FIT file is damaged or cut short, so I couldn't read it.")
ACTIVITY_MALFORMED_XML = N_("That file isn't well-formed XML, so I couldn't read it.")
ACTIVITY_NO_TIMES = N_(
    "That file has no times in it, so I can't tell when you trained. Export it with timestamps."
)
# {kind}: GPX or TCX, as the file's name ends.
ACTIVITY_NO_POINTS = N_(
    "That {kind} file has no recorded points, so there's nothing to read. Send the activity as "
    "your watch or app recorded it, not a planned route or course."
)
ACTIVITY_NO_SESSION = N_(
    "That FIT file has recorded points but no summary of the workout (the watch may not have "
    "finished saving it), so I can't tell what you did. Sync it from your watch again, or "
    "export the activity from your app."
)
ACTIVITY_TOO_BIG = N_("That file is over 20 MB, more than Telegram lets me download.")
ACTIVITY_ZIP_BOMB = N_("That file unzips to far more than any workout, so I didn't read it.")
ACTIVITY_BAD_GZIP = N_("That .gz file is damaged, so I couldn't unzip it.")
ACTIVITY_TOO_SLOW = N_("That file took too long to read, so I gave up on it.")
ACTIVITY_DUPLICATE = N_("You've sent me that file before: I have it already.")
# Another file of the same activity (the same sport, starting within a minute or two): said
# under the summary of the one kept.
ACTIVITY_SAME_ACTIVITY = N_(
    "I have this one already, from another file that starts at the same time, so I count it once."
)
ACTIVITY_FUTURE = N_("That activity starts in the future: check the date on your watch.")
CHECKIN_FROM_FILE = N_(
    "From your file: {summary}\nSo yesterday counts as: {workout}. Not right? Correct it below."
)
# The evening's own day from a file of that day (the evening's last question, not asked); by
# its date after midnight, when "today" would name the new day.
CHECKIN_FROM_FILE_TODAY = N_(
    "From your file: {summary}\nSo today counts as: {workout}. Not right? Correct it below."
)
CHECKIN_FROM_FILE_DATED = N_(
    "From your file: {summary}\nSo {day} counts as: {workout}. Not right? Correct it below."
)
CHECKIN_FIX_WORKOUT = N_("✏️ Correct it")
# The same in the morning push that asks walking (conversations.renderers): it has no
# "Correct it" button, the check-in it starts has.
PUSH_FROM_FILE = N_("From your file: {summary}. So yesterday counts as {workout}.")
# A session the bot timed (jog.timed_workout) is the workout of its day, said instead of asked:
# yesterday's in the morning, today's in the evening (the evening's last question), and by its
# date after midnight, when "yesterday" and "today" would name other days. {workout}: its label
# and minutes, "🏃 Easy run (15 min)". A run for the jog; a session for cross-training or the
# routine.
CHECKIN_TIMED: dict[tuple[str, str], Text] = {
    ("yesterday", "run"): N_("Yesterday's workout, from the run I timed: {workout}."),
    ("yesterday", "session"): N_("Yesterday's workout, from the session I timed: {workout}."),
    ("today", "run"): N_("Today's workout, from the run I timed: {workout}."),
    ("today", "session"): N_("Today's workout, from the session I timed: {workout}."),
    ("dated", "run"): N_("Your workout on {day}, from the run I timed: {workout}."),
    ("dated", "session"): N_("Your workout on {day}, from the session I timed: {workout}."),
}
WORKOUT_WITH_MINUTES = N_("{workout} ({minutes} min)")
# A session the bot timed, named by its kind in the lines above: cross-training counts as "other
# training" (jog.TIMED_WORKOUTS), but /history and the export call it cross-training, and so
# does every line that names it (newcomer 13 read "💪 Other training" for a timed ride).
TIMED_SESSION_NAMES: dict[str, Text] = {
    "jog": N_("🏃 Easy run"),
    "cross": N_("🚲 Cross-training"),
}
ACTIVITIES_HEAD = N_("Activity files, last 14 days")
ACTIVITY_LEG_DAY = N_("counts as leg day")
ACTIVITY_HISTORY_ONLY = N_("kept for the history only")
# The class of a strength file not yet answered "was it legs?", as a name (the export's
# classification_text); the other classes are named by the check-in's workout buttons.
ACTIVITY_STRENGTH_CLASS = N_("Strength session")
# A file whose day the check-in of the day after answered otherwise: the answer counted.
ACTIVITY_NOT_USED = N_("not used: you said “{workout}”, and your answer counted")
# Why a strength file counts as it does, once the user answered "was it legs?".
ACTIVITY_SAID_LEGS = N_("you said it was legs")
ACTIVITY_SAID_NOT_LEGS = N_("you said it was not legs")
# A check-in after a file of the same day (issue 13): the verdict says what was done already.
DONE_TODAY = N_("📎 From your file: {activity}")
DONE_TODAY_COUNTS = N_("That counts as today's session: no need to go again today.")
DONE_TODAY_REST = N_("The advice below is for the rest of today.")
ACTIVITY_TODAY = N_("today")
ACTIVITY_YESTERDAY = N_("yesterday")
# A file of yesterday sent once today's check-in is made (issue 15).
ACTIVITY_CHECKIN_AGREES = N_("Today's check-in already has the same answer for yesterday.")
# Said instead of "it counts as ...": /history then shows the file as not used (issue 13). The
# file is kept either way (the reply to a file sent twice says so too), so the line says that
# the advice, not the file, stays as it was; {workout}: the answer's plain words, quoted.
ACTIVITY_CHECKIN_KEPT = N_(
    "Your file is in your history, but today's advice still goes by your check-in, where you "
    "answered “{workout}” for yesterday."
)
# A file of the check-in's day sent after its evening check-in answered "Did you train today
# too?" otherwise: that answer wins (issue 15), so no "it counts as ... for tomorrow's check-in";
# {workout}: the answer's plain words, quoted. Worded for after midnight too (the day is then
# the one before).
ACTIVITY_EVENING_KEPT = N_(
    "Your file is in your history, but the next check-in goes by your evening check-in, where "
    "you answered “{workout}” for that day. To change it, send /checkin again."
)
ACTIVITY_FILES_SAY = N_("Your files say yesterday was “{workout}”: {reason}.")
ACTIVITY_FILES_SAY_PLAIN = N_("Your files say yesterday was “{workout}”.")
ACTIVITY_TAP_TO_USE = N_("To let the file decide today's advice instead, tap “{button}”.")
ACTIVITY_USE_FOR_TODAY = N_("Use the file for today's advice")
ACTIVITY_USED_FOR_TODAY = N_("Done: today's advice now goes by the file.")
