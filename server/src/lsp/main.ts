console.error('todo')
