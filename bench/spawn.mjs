import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
const t=(m)=>process.stderr.write(m+' '+performance.now().toFixed(0)+'\n');
t('start');
const args=`--allow-pre-commit-input --disable-background-networking --disable-background-timer-throttling --disable-backgrounding-occluded-windows --disable-breakpad --disable-client-side-phishing-detection --disable-component-extensions-with-background-pages --disable-crash-reporter --disable-default-apps --disable-dev-shm-usage --disable-hang-monitor --disable-infobars --disable-ipc-flooding-protection --disable-popup-blocking --disable-prompt-on-repost --disable-renderer-backgrounding --disable-search-engine-choice-screen --disable-sync --enable-automation --export-tagged-pdf --force-color-profile=srgb --generate-pdf-document-outline --metrics-recording-only --no-first-run --password-store=basic --use-mock-keychain --disable-features=Translate,AcceptCHFrame,MediaRouter,OptimizationHints,WebUIReloadButton,ProcessPerSiteUpToMainFrameThreshold,IsolateSandboxedIframes --enable-features=PdfOopif --headless=new --hide-scrollbars --mute-audio --disable-extensions --no-sandbox --disable-gpu --font-render-hinting=none --remote-debugging-pipe`.split(' ');
const dir=mkdtempSync('/tmp/prof-');
const proc=spawn('/usr/bin/chromium',[...args,'--user-data-dir='+dir,'about:blank'],{stdio:['ignore','ignore','ignore','pipe','pipe']});
t('spawned');
const {default:p}=await import('puppeteer-core'); t('imported');
class Pipe{constructor(w,r){this.w=w;this.buf=[];r.on('data',(d)=>{let s=0;for(let i=0;i<d.length;i++){if(d[i]===0){this.buf.push(d.subarray(s,i));const m=Buffer.concat(this.buf).toString();this.buf=[];s=i+1;setImmediate(()=>this.onmessage?.(m));}} if(s<d.length)this.buf.push(d.subarray(s));}); r.on('close',()=>this.onclose?.());}
 send(m){this.w.write(m);this.w.write('\0');} close(){this.w.end();}}
const b=await p.connect({transport:new Pipe(proc.stdio[3],proc.stdio[4]),defaultViewport:{width:1920,height:1080}}); t('connected');
const pg=(await b.pages())[0]; t('page');
await pg.goto('file:///tmp/b20out/b20/everyone/index.html?print-pdf'); t('loaded');
await pg.waitForFunction('window.briefdeck && window.briefdeck.printReady === true'); t('ready');
const pdf=await pg.pdf({width:'1920px',height:'1080px',printBackground:true,tagged:true}); t('pdf '+pdf.length);
await b.close(); t('closed');
