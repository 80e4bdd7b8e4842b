const t=(m)=>process.stderr.write(m+' '+performance.now().toFixed(0)+'\n');
t('start');
const {default:p}=await import('puppeteer-core'); t('imported');
const b=await p.launch({executablePath:'/usr/bin/chromium',pipe:true,args:['--no-sandbox','--disable-gpu','--font-render-hinting=none'],defaultViewport:{width:1920,height:1080}}); t('connected');
const pg=(await b.pages())[0]; t('page');
await pg.goto('file:///tmp/b20out/b20/everyone/index.html?print-pdf'); t('loaded');
await pg.waitForFunction('window.briefdeck && window.briefdeck.printReady === true'); t('ready');
const pdf=await pg.pdf({width:'1920px',height:'1080px',printBackground:true,tagged:true}); t('pdf '+pdf.length);
await b.close(); t('closed');
