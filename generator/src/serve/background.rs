//! The preview's background worker: the search index, the national open-data files and a check
//! of every page, made from its own copy of the site.
//!
//! At national scale these take seconds. Made from a copy, they never hold the site that
//! requests are answered from, so an edit is put in place and the tabs reloaded at once, whatever
//! the worker is doing. The worker takes each edit after the preview has (the same edits, in the
//! same order), then brings the index up to date; a request for a search file or the open data
//! waits until the worker has every edit made before it. The check of every page finds what a
//! build would refuse (a template that fails on one team's values); it stops as soon as anything
//! else is asked of the worker, and starts again afterwards.

use std::collections::{BTreeSet, HashMap};
use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};

use crate::fingerprint::Key;
use crate::output::{MemorySink, Recalled, Sink};
use crate::render::opendata;
use crate::render::pages::{Renderer, QR_FILE};
use crate::search::{self, Manifest};
use crate::serve::edits::{Edit, Model};
use crate::serve::http::{Hub, Part};
use crate::serve::preview::Preview;

enum Job {
    Edit(Box<Edit>),
    Search(Sender<Result<Manifest, WorkerError>>),
    OpenData(Sender<Result<(), WorkerError>>),
}

/// The handle the preview keeps: sends edits, asks for what the worker makes.
pub struct Worker {
    jobs: Mutex<Sender<Job>>,
    /// Jobs sent and not yet taken: the check stops when there are any.
    waiting: Arc<AtomicUsize>,
}

impl Worker {
    /// Starts the worker on its copy of the site.
    pub fn start(model: Model, hub: Arc<Hub>, preview: Arc<Preview>) -> Worker {
        let (tx, rx) = mpsc::channel();
        let waiting = Arc::new(AtomicUsize::new(0));
        let state = State {
            model,
            hub,
            preview,
            waiting: Arc::clone(&waiting),
            index: None,
            index_due: true,
            checked: HashMap::new(),
            check_due: true,
        };
        // Half the cores at most: the other half answer requests and take edits.
        let threads = std::thread::available_parallelism().map_or(1, |n| (n.get() / 2).max(1));
        std::thread::Builder::new()
            .name("ngo-serve-background".into())
            .spawn(move || {
                let pool = rayon::ThreadPoolBuilder::new()
                    .num_threads(threads)
                    .build()
                    .expect("a thread pool");
                pool.install(move || state.run(&rx));
            })
            .expect("the background thread starts");
        Worker {
            jobs: Mutex::new(tx),
            waiting,
        }
    }

    fn send_job(&self, job: Job) {
        self.waiting.fetch_add(1, Ordering::SeqCst);
        let sent = self.jobs.lock().expect("no panic while locked").send(job);
        if sent.is_err() {
            self.waiting.fetch_sub(1, Ordering::SeqCst);
        }
    }

    pub fn send(&self, edit: Edit) {
        self.send_job(Job::Edit(Box::new(edit)));
    }

    /// The search manifest once the index has every edit sent so far.
    pub fn search(&self) -> Result<Manifest, WorkerError> {
        let (tx, rx) = mpsc::channel();
        self.send_job(Job::Search(tx));
        rx.recv().unwrap_or(Err(WorkerError::Stopped))
    }

    /// Makes the open-data files of the site with every edit sent so far.
    pub fn open_data(&self) -> Result<(), WorkerError> {
        let (tx, rx) = mpsc::channel();
        self.send_job(Job::OpenData(tx));
        rx.recv().unwrap_or(Err(WorkerError::Stopped))
    }
}

/// Why the worker could not make what was asked. Cloned to every request that waited for it.
#[derive(Debug, Clone, thiserror::Error)]
pub enum WorkerError {
    /// The search index: the message of its [`search::SearchError`].
    #[error("{0}")]
    Index(String),
    #[error("không ghi được dữ liệu mở: {0}")]
    OpenData(String),
    #[error("tiến trình nền của bản xem trước đã dừng")]
    Stopped,
}

struct State {
    model: Model,
    hub: Arc<Hub>,
    preview: Arc<Preview>,
    waiting: Arc<AtomicUsize>,
    /// The index as last made.
    index: Option<Manifest>,
    /// An edit was taken since the index was last made.
    index_due: bool,
    /// Pages the check rendered without a problem, with what they were made from.
    checked: HashMap<String, Key>,
    check_due: bool,
}

impl State {
    fn run(mut self, jobs: &Receiver<Job>) {
        loop {
            let busy = self.index_due || self.check_due;
            let first = if busy {
                match jobs.try_recv() {
                    Ok(job) => Some(job),
                    Err(mpsc::TryRecvError::Empty) => None,
                    Err(mpsc::TryRecvError::Disconnected) => return,
                }
            } else {
                match jobs.recv() {
                    Ok(job) => Some(job),
                    Err(_) => return,
                }
            };
            let mut searches = Vec::new();
            let mut open_data = Vec::new();
            for job in first
                .into_iter()
                .chain(std::iter::from_fn(|| jobs.try_recv().ok()))
            {
                self.waiting.fetch_sub(1, Ordering::SeqCst);
                match job {
                    Job::Edit(edit) => self.take(*edit),
                    Job::Search(reply) => searches.push(reply),
                    Job::OpenData(reply) => open_data.push(reply),
                }
            }
            if self.index_due || !searches.is_empty() {
                let result = self.current_index();
                for reply in searches {
                    let _ = reply.send(result.clone());
                }
            }
            if !open_data.is_empty() {
                let result = self.write_open_data();
                for reply in open_data {
                    let _ = reply.send(result.clone());
                }
            }
            if self.check_due && self.waiting.load(Ordering::SeqCst) == 0 {
                self.check();
            }
        }
    }

    fn take(&mut self, edit: Edit) {
        let whole = matches!(
            edit,
            Edit::Templates { .. } | Edit::Whole(_) | Edit::Config(_)
        );
        let touched = self.model.apply(edit);
        self.index_due |= !touched.is_empty();
        if whole {
            // Problems the check found with the old templates or settings are not news.
            self.hub.set_problems(Part::Check, Vec::new());
        }
        self.check_due |= !touched.is_empty();
    }

    /// Brings the index up to date with every edit taken; the manifest.
    ///
    /// Made as a build makes it: every shard's documents are taken from the site and
    /// fingerprinted, and only a shard whose documents changed is built again (one edit changes
    /// its province's teams, and the team counts shown by `places` and `former`).
    fn current_index(&mut self) -> Result<Manifest, WorkerError> {
        if let Some(index) = self.index.as_ref().filter(|_| !self.index_due) {
            return Ok(index.clone());
        }
        self.index_due = false;
        let store = self.preview.store();
        let sink = MemorySink::new(store);
        match search::write_index(&self.model.site, &sink) {
            Ok(manifest) => {
                // Shards an edit replaced are let go of: memory stays flat however long the
                // preview runs.
                let current: BTreeSet<String> = manifest.files().collect();
                store.forget_under(search::SEARCH_DIR, |f| {
                    current.contains(f) || manifest.lists(f)
                });
                self.hub.set_problems(Part::Background, Vec::new());
                self.index = Some(manifest.clone());
                Ok(manifest)
            }
            Err(err) => {
                let err = WorkerError::Index(err.to_string());
                self.hub.set_problems(
                    Part::Background,
                    vec![crate::serve::editor::general(err.to_string()).to_string()],
                );
                // Tried again with the next edit.
                self.index = None;
                Err(err)
            }
        }
    }

    fn write_open_data(&self) -> Result<(), WorkerError> {
        let sink = MemorySink::new(self.preview.store());
        opendata::write_open_data(&self.model.site, &sink)
            .map_err(|e| WorkerError::OpenData(e.to_string()))
    }

    /// Renders every page as a build would, keeping only what each was made from; reports the
    /// problems unless stopped by a new job.
    fn check(&mut self) {
        let sink = CheckSink {
            checked: Mutex::new(std::mem::take(&mut self.checked)),
            waiting: &self.waiting,
        };
        let model = &self.model;
        let renderer = Renderer::new(&model.site, &model.tera, model.templates, &sink, &model.css);
        renderer.all_until(&|| sink.stopped());
        let result = renderer.finish();
        let stopped = sink.stopped();
        self.checked = sink.checked.into_inner().unwrap_or_default();
        if stopped {
            return;
        }
        self.check_due = false;
        let problems = match result {
            Ok(_) => Vec::new(),
            Err(d) => d.into_sorted().iter().map(ToString::to_string).collect(),
        };
        self.hub.set_problems(Part::Check, problems);
    }
}

/// The check's sink: keeps what each page that rendered was made from, and nothing else.
struct CheckSink<'a> {
    checked: Mutex<HashMap<String, Key>>,
    waiting: &'a AtomicUsize,
}

impl CheckSink<'_> {
    fn stopped(&self) -> bool {
        self.waiting.load(Ordering::SeqCst) > 0
    }
}

impl Sink for CheckSink<'_> {
    fn write(&self, _relative: &str, _bytes: &[u8]) -> io::Result<()> {
        Ok(())
    }

    fn write_made_from(&self, relative: &str, made_from: Key, _bytes: &[u8]) -> io::Result<()> {
        self.checked
            .lock()
            .expect("no panic while locked")
            .insert(relative.to_string(), made_from);
        Ok(())
    }

    /// A page rendered from the same values is not rendered again; once stopped, nothing is.
    /// QR codes never fail and are the slowest files to make: they are not drawn.
    fn reuse(&self, relative: &str, made_from: Key) -> bool {
        self.stopped()
            || relative.ends_with(QR_FILE)
            || self
                .checked
                .lock()
                .expect("no panic while locked")
                .get(relative)
                == Some(&made_from)
    }

    /// The open-data files are the one group a page maker makes; they hold no template and
    /// are made when asked for.
    fn recall(&self, _task: &str, _made_from: Key) -> Option<Recalled> {
        Some(Recalled {
            files: Vec::new(),
            note: String::new(),
        })
    }
}
