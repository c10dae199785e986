"""Every line the dialogs send, in one place so wording stays consistent and easy to review."""

from __future__ import annotations

WELCOME = (
    "Hi{name}! I'm your leg-day recovery coach.\n\n"
    "Every morning I ask what you trained yesterday and how walking feels, then suggest the "
    "right move for today: an easy 15-20 minute jog, no-impact cross-training, a strength and "
    "mobility routine, or rest, and I tell you why.\n\n"
    "{disclaimer}\n\n"
    "A few quick questions to set you up (send /cancel to stop at any point)."
)
WELCOME_BACK = (
    "Welcome back{name}! Your settings and history are all still here.\n"
    "Send /checkin for today's suggestion, or /settings to change your answers."
)

ZONE_PROMPT = (
    "Which time zone are you in? I need it to reach you at your own morning.\n\n"
    "• tap the button below to share your location, or\n"
    "• type your city or zone, like Berlin or Europe/Berlin, or\n"
    "• type the time on your clock right now, like 14:35."
)
ZONE_INVALID = (
    "Sorry, I couldn't place that. Type a city (Berlin), a zone (Europe/Berlin), "
    "or your local time now (14:35), or share your location with the button."
)
ZONE_SET = "Time zone set: {zone}."

MORNING_PROMPT = "When should I check in with you each morning? Tap a time or type one, like 06:45."
RUN_PROMPT = (
    "When do you usually go running? I'll use it for jog reminders. Tap a time, type one "
    "(like 18:15), or tell me you start runs yourself."
)
TIME_INVALID = (
    "That doesn't look like a time. Please type it as HH:MM, like 06:45, or tap a button."
)
RUN_SELF = "I start runs myself"
NEW_RUNNER_PROMPT = "Are you new to running?"
MUSCLE_PROMPT = "Is building muscle your top priority right now?"
COMPRESSION_PROMPT = "Do you own compression socks or tights?"
PICK_A_BUTTON = "Please pick one of the buttons below."

SETUP_DONE = (
    "All set! Here is what I know:\n{summary}\n\n"
    "Check in now for today's suggestion, or any time with /checkin. "
    "You can change any answer with /settings."
)
CHECKIN_NOW_BUTTON = "Check in now"

NOT_SET_UP = "Let's set you up first: send /start. It takes under a minute."

CHECKIN_REPLACING = (
    "You already checked in today ({verdict}). If you answer again, your new answers "
    "replace today's."
)
WORKOUT_PROMPT = "What was your main workout yesterday?"
INTENSITY_PROMPT = "How hard was the leg day?"
OVERREACH_PROMPT = (
    "Did it go well past what your body is used to, meaning much harder or longer than usual?"
)
WALKING_PROMPT = "How does walking feel this morning?"
PAIN_PROMPT = (
    "One safety check: any sharp pain, or pain in a joint? (Not the usual dull muscle ache.)"
)
REPLACED_NOTE = "I replaced today's earlier check-in with these answers."
WHY_BUTTON = "Why? Both sides"

SETTINGS_MENU = "Your settings:\n{summary}\n\nTap what you'd like to change."
SETTINGS_SAVED = "Saved."
SETTINGS_DONE_BUTTON = "Done"
SETTINGS_CLOSED = "Settings closed. Send /checkin for today's suggestion."

CANCELLED = "Stopped. Send /checkin or /settings whenever you like."
CANCELLED_SETUP = "Setup paused. Send /start whenever you want to finish it."
NOTHING_TO_CANCEL = "There's nothing to cancel right now. Send /help to see what I can do."

HELP = (
    "Here is what I can do:\n"
    "/checkin - answer two or three questions and get today's recovery suggestion\n"
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
COMMANDS: tuple[tuple[str, str], ...] = (
    ("checkin", "Today's recovery suggestion"),
    ("jog", "Start a guided 15-20 minute easy jog"),
    ("pause", "Pause morning pushes (/pause 3 for three days)"),
    ("resume", "Turn morning pushes back on"),
    ("history", "Your last 14 days, streak and chart"),
    ("export", "Download all your data (CSV and JSON)"),
    ("delete", "Erase everything I store about you"),
    ("settings", "Change your time zone, times and answers"),
    ("start", "Set up the coach"),
    ("cancel", "Leave the current conversation"),
    ("help", "What I can do"),
)
UNKNOWN_COMMAND = "I don't know {command}. Send /help to see what I can do."
FREE_TEXT = "I'm not sure what to do with that. Send /checkin for today's suggestion or /help."
PRIVATE_ONLY = "I only coach in private chats. Open a private chat with me to get started."
EXPIRED = "This button has expired."
EXPIRED_HINT = "That button belongs to an older message. Send /checkin to start a fresh check-in."
WHY_UNAVAILABLE = "Sorry, I couldn't open that right now. Try again in a moment."
DB_BUSY = "I'm a bit busy right now. Please try that again in a moment."
ERROR = (
    "Sorry, something went wrong on my side. Your answers so far are saved; "
    "please try again in a moment."
)

# Pushes
MORNING_PUSH = (
    "Good morning! How are your legs today? Answer a few taps and I'll suggest today's move."
)
MORNING_DONE = "Good morning! You already checked in today, so here is today's suggestion again:"
FOLLOW_UP = "Still want today's suggestion? It only takes a few taps."
PAUSE_BUTTON = "Pause pushes"
CHANGE_TIME_BUTTON = "Change time"
WEEKLY_OFF_BUTTON = "Stop weekly summaries"
WEEKLY_OFF = "Weekly summaries are off. You can turn them back on in /settings."
QUIET_PROMPT = (
    "Quiet hours: when should I never message you on my own? Tap a range or type one, like "
    "22:30-06:30. Reminders and timers you start yourself still come on time."
)
QUIET_INVALID = (
    "That doesn't look like a range of hours. Please type it as HH:MM-HH:MM, like 22:00-06:00, "
    "or tap a button."
)
QUIET_NONE = "No quiet hours"
QUIET_RANGE = "{start}-{end}"
MORNING_IN_QUIET = (
    "{time} falls in your quiet hours ({start}-{end}), when I send nothing. "
    "Please pick a morning time outside them."
)
QUIET_COVERS_MORNING = (
    "Those quiet hours would cover your morning check-in at {time}. Change the morning time "
    "first, or pick quiet hours that leave it free."
)
PAUSED = "Morning pushes are paused. Send /resume to turn them back on."
PAUSED_DAYS = (
    "Morning pushes are paused for {days} day(s); they come back by themselves on {day}. "
    "Send /resume to bring them back sooner."
)
PAUSE_INVALID = "Send /pause to pause until /resume, or /pause 3 to pause for three days (1-60)."
RESUMED = "Morning pushes are on. The next one comes at {when}."
PUSHES_ON = "on"
PUSHES_PAUSED = "paused until you /resume"
PUSHES_PAUSED_UNTIL = "paused until {day}"

# The jog and its timer
START_15 = "Start 15 min"
START_20 = "Start 20 min"
REMIND_AT = "Remind me at {time}"
REMIND_IN_HOUR = "Remind me in 1 hour"
NOT_TODAY = "Not today"
SNOOZE_BUTTON = "Snooze 30 min"
SKIP_TODAY = "Skip today"
FINISH_EARLY = "Finish early"
CANCEL_RUN = "Cancel"
JOG_ASK = "Ready for an easy run? How long would you like to go?"
JOG_ALREADY = "You already have a session going. Finish or cancel it first."
REMIND_SET = "OK, I'll remind you at {time}."
SKIPPED = "OK, no session today. Rest is part of training too."
REMINDER = {
    "jog": "Time for your easy jog! Ready?",
    "cross": "Time for your easy cross-training! Ready?",
}
WARM_UP = {
    "jog": (
        "Timer on: a 5-minute warm-up, then {minutes} minutes of easy running.\n\n"
        "Warm up now: walk briskly, then leg swings, walking lunges, high knees and butt kicks. "
        "I'll tell you when to start running."
    ),
    "cross": (
        "Timer on: a 5-minute warm-up, then {minutes} minutes of easy pool running or cycling.\n\n"
        "Warm up now: a few minutes of very easy pedalling or walking in the water, plus some "
        "leg swings. I'll tell you when to begin."
    ),
}
CUES = {
    "jog": {
        "go": (
            "Go! Start with a light jog, then settle at a pace where you could still chat. "
            "No sprinting today."
        ),
        "halfway": "Halfway there. Still able to chat? Then your pace is just right.",
    },
    "cross": {
        "go": "Go! Keep it slow and comfortable the whole time; ease off if it feels hard.",
        "halfway": "Halfway there. Slow and comfortable is the goal.",
    },
}
TIME_UP = (
    "Time's up: {minutes} minutes done, well done! Cool down with a few minutes of easy walking, "
    "then stretch your calves, thighs and hips.\n\nHow did it feel?"
)
FINISHED_EARLY = (
    "Finished after {minutes} minute(s). Cool down with a few minutes of easy walking, then "
    "stretch your calves, thighs and hips.\n\nHow did it feel?"
)
RUN_CANCELLED = "Timer cancelled. No worries: listening to your body is part of training."
RUN_OVER = "That session is already over."
COMPRESSION_OFF = (
    "It's been about two hours since your session: you can take off your compression socks or "
    "tights now."
)
FEELINGS: tuple[tuple[str, str], ...] = (
    ("Easy", "easy"),
    ("Just right", "right"),
    ("Tough", "tough"),
)
FEELING_SAVED = "Noted, thanks! Rest well."

# Looking back, and the user's data
HISTORY_EMPTY = (
    "Nothing to look back on yet. Check in for a few mornings (/checkin) and your history, "
    "streak and chart appear here."
)
HISTORY_HEAD = "Your last 14 days"
STREAK = "Check-in streak: {days} day(s) in a row."
CHART_CAPTION = "Soreness each morning over the last 8 weeks, with leg days and easy jogs marked."
EXPORT_CAPTIONS = {
    "checkins": "Your check-ins, one row per day (CSV).",
    "jogs": "Your guided jogs and cross-training sessions (CSV).",
    "json": "Everything I store about you, in one JSON file.",
}
DELETE_CONFIRM = (
    "This erases everything I store about you: your settings, check-ins, runs and scheduled "
    "messages. It can't be undone. Erase it all?"
)
DELETE_YES = "Yes, erase everything"
DELETE_NO = "No, keep my data"
DELETED = (
    "Done: everything I stored about you is erased. Send /start if you ever want to begin again."
)
DELETE_KEPT = "Nothing was erased."
WEEKLY_PROMPT = "Shall I send you a short summary of your week every Sunday evening?"
